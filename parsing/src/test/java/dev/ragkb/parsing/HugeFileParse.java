package dev.ragkb.parsing;

import dev.ragkb.core.RagkbException;
import dev.ragkb.core.UnparseableDocumentException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Run by {@link HugeFileMemoryTest} in a JVM with a small heap: parses 200 MB files generated on the fly (never held
 * in memory, never written to disk) with the production size limit, and prints one line per file: its name and
 * {@code OK}, its failure reason, or {@code OOM}. Exits 0 when it got through all of them.
 */
public final class HugeFileParse {

  static final long SIZE = 200L * 1024 * 1024;

  private HugeFileParse() {}

  public static void main(String[] args) {
    int maxTextChars = Integer.parseInt(args[0]);
    TikaDocumentParser parser = TestParsers.tika(TestParsers.settings(SIZE + 1).withMaxTextChars(maxTextChars));
    Map<String, String[]> files = Map.of(
        "huge.txt", new String[] {"", "A line of a very long log file, number %d.\n", ""},
        "huge.csv", new String[] {"id,name,comment\n", "%d,name,\"a comment\"\n", ""},
        "huge.html", new String[] {"<html><body>", "<p>Paragraph %d of a very long page.</p>\n", "</body></html>"});
    for (String name : new String[] {"huge.txt", "huge.csv", "huge.html"}) {
      String[] parts = files.get(name);
      String outcome;
      try (InputStream in = new GeneratedStream(parts[0], parts[1], parts[2], SIZE)) {
        ParsedDocument doc = parser.parse(in, name);
        outcome = "OK " + doc.text().length();
      } catch (UnparseableDocumentException e) {
        outcome = e.reason().name() + " (" + e.getMessage() + ")";
      } catch (RagkbException e) {
        outcome = e.code();
      } catch (OutOfMemoryError e) {
        outcome = "OOM";
      } catch (Exception e) {
        outcome = "ERROR " + e;
      }
      System.out.println(name + " " + outcome);
    }
  }

  /** {@code head}, then {@code line} formatted with 0, 1, 2... until {@code size} bytes, then {@code tail}. */
  private static final class GeneratedStream extends InputStream {
    private final byte[] tail;
    private final String line;
    private final long size;
    private byte[] current;
    private int pos;
    private long produced;
    private long lineNo;
    private boolean tailSent;

    GeneratedStream(String head, String line, String tail, long size) {
      this.current = head.getBytes(StandardCharsets.UTF_8);
      this.line = line;
      this.tail = tail.getBytes(StandardCharsets.UTF_8);
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      while (pos == current.length) {
        if (produced < size) {
          current = line.formatted(lineNo++).getBytes(StandardCharsets.UTF_8);
        } else if (!tailSent) {
          current = tail;
          tailSent = true;
        } else {
          return -1;
        }
        pos = 0;
        produced += current.length;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
