package dev.ragkb.parsing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.core.UnsupportedDocumentTypeException;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus: each bad file ends in a typed per-document error that names it, and the good files around
 * it still parse, as they would in one ingestion batch. (A huge file under a small heap: {@link HugeFileMemoryTest};
 * a hanging parser: {@link ParseTimeoutTest}.)
 */
class HostileInputTest {

  private static final int MAX_BYTES = 4 << 20;
  private static final String OK = "OK";
  private static final String UNSUPPORTED = "UNSUPPORTED";

  private final TikaDocumentParser parser =
      TestParsers.tika(TestParsers.settings(MAX_BYTES).withEmbeddedLimits(5, 100));

  @Test
  void givesEachBadFileItsOwnTypedErrorWhileTheBatchGoesOn() {
    Random random = new Random(4);
    byte[] noise = new byte[64 * 1024];
    random.nextBytes(noise);
    byte[] pdf = DocumentFixtures.pdf("Good", List.of("A good page.", "Another good page."));

    Map<String, byte[]> batch = new LinkedHashMap<>();
    batch.put("good-1.txt", "A good text file.".getBytes(UTF_8));
    batch.put("empty.pdf", new byte[0]);
    batch.put("truncated.pdf", Arrays.copyOf(pdf, pdf.length / 2));
    batch.put("encrypted.pdf", DocumentFixtures.encryptedPdf("Top secret."));
    batch.put("protected.docx", DocumentFixtures.passwordProtected(DocumentFixtures.docx(List.of("Pay."), null)));
    batch.put("good-2.pdf", pdf);
    batch.put("junk.pdf", noise);
    batch.put("junk.docx", noise);
    batch.put("junk.xlsx", noise);
    batch.put("junk.txt", noise);
    batch.put("junk.md", noise);
    batch.put("junk.html", noise);
    batch.put("photo.png", DocumentFixtures.PNG_HEAD);
    batch.put("tool.exe", DocumentFixtures.ELF_HEAD);
    batch.put("good-3.html", "<html><body><p>A good page.</p></body></html>".getBytes(UTF_8));
    batch.put("bomb.zip", ArchiveFixtures.zipBomb(200));
    batch.put("nested.zip", ArchiveFixtures.nestedZip(12));
    batch.put("crowded.zip", ArchiveFixtures.zipOfMany(150));
    batch.put("bomb.docx", DocumentFixtures.docx(List.of("lorem ".repeat(1_000_000)), null));
    batch.put("good-4.md", "# Title\n\nA good Markdown file.".getBytes(UTF_8));

    Map<String, String> outcomes = new LinkedHashMap<>();
    batch.forEach((name, content) -> outcomes.put(name, outcomeOf(name, content)));

    assertThat(outcomes).containsExactly(
        entry("good-1.txt", OK),
        entry("empty.pdf", "EMPTY"),
        entry("truncated.pdf", "CORRUPT"),
        entry("encrypted.pdf", "ENCRYPTED"),
        entry("protected.docx", "ENCRYPTED"),
        entry("good-2.pdf", OK),
        entry("junk.pdf", "CORRUPT"),
        entry("junk.docx", "CORRUPT"),
        entry("junk.xlsx", "CORRUPT"),
        entry("junk.txt", UNSUPPORTED),
        entry("junk.md", UNSUPPORTED),
        entry("junk.html", UNSUPPORTED),
        entry("photo.png", UNSUPPORTED),
        entry("tool.exe", UNSUPPORTED),
        entry("good-3.html", OK),
        // 200 MB of text in a 0.5 MB ZIP: stopped by the text limit (4 chars per byte of the limit) before it fills
        // the heap; a DOCX bomb trips Tika's expansion ratio first
        entry("bomb.zip", "TOO_LARGE"),
        entry("nested.zip", "SUSPECTED_BOMB"),
        entry("crowded.zip", "SUSPECTED_BOMB"),
        entry("bomb.docx", "SUSPECTED_BOMB"),
        entry("good-4.md", OK));
  }

  @Test
  void stillReadsTextInUtf16AndLatin1() {
    byte[] utf16 = "\uFEFFSome text in UTF-16.".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    byte[] latin1 = "Café crème, déjà vu.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(outcomeOf("wide.txt", utf16)).isEqualTo(OK);
    assertThat(outcomeOf("latin.txt", latin1)).isEqualTo(OK);
  }

  @Test
  void allowsArchivesWithinTheLimits() {
    assertThat(outcomeOf("nested.zip", ArchiveFixtures.nestedZip(5))).isEqualTo(OK);
    assertThat(outcomeOf("crowded.zip", ArchiveFixtures.zipOfMany(100))).isEqualTo(OK);
  }

  /** "OK", "UNSUPPORTED" or the failure's reason; every failure message names the file. */
  private String outcomeOf(String name, byte[] content) {
    try {
      parser.parse(new ByteArrayInputStream(content), name);
      return OK;
    } catch (UnparseableDocumentException e) {
      assertThat(e.getMessage()).contains(name);
      return e.reason().name();
    } catch (UnsupportedDocumentTypeException e) {
      assertThat(e.getMessage()).contains(name);
      return UNSUPPORTED;
    }
  }
}
