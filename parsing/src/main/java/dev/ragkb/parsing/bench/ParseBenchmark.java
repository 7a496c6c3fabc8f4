package dev.ragkb.parsing.bench;

import dev.ragkb.parsing.Block;
import dev.ragkb.parsing.ParsedDocument;
import dev.ragkb.parsing.TikaDocumentParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * {@code ./rag bench parse}: parses a generated corpus (by default 200 ten-page text PDFs, 50 DOCX and 50 HTML files
 * of prose with headings and tables) with the production parser and prints one JSON object: for each format the
 * documents, pages (PDF), bytes, seconds, pages/s and MB/s on one thread, then the PDF set again on as many threads
 * as there are cores. The corpus is built in memory from a fixed seed before the clock starts, and every format is
 * parsed once as a warm-up first (class loading and JIT make the first parses several times slower).
 *
 * <p>Arguments: {@code --pdfs N} (default 200), {@code --pages N} per PDF (default 10), {@code --docs N} DOCX and
 * HTML files each (default 50), {@code --threads N} for the parallel pass (default: the cores).
 */
public final class ParseBenchmark {

  private static final String[] WORDS = ("the service answers questions from documents and cites the passages it used "
      + "each answer is grounded in retrieved text so that a reader can check the source page quickly while "
      + "access rules limit which documents every user may search in the knowledge base of the organisation").split(" ");

  private ParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pdfs = intArg(args, "--pdfs", 200);
    int pages = intArg(args, "--pages", 10);
    int docs = intArg(args, "--docs", 50);
    int threads = intArg(args, "--threads", Runtime.getRuntime().availableProcessors());
    ThreadFactory parseThreads = Thread.ofPlatform().name("bench-parse-", 0).daemon(true).factory();
    TikaDocumentParser parser = new TikaDocumentParser(
        TikaDocumentParser.Settings.defaults(512L << 20).withOcr(TikaDocumentParser.Ocr.DISABLED, "eng"),
        task -> parseThreads.newThread(task).start());

    Random random = new Random(20261125);
    List<byte[]> pdfCorpus = new ArrayList<>();
    for (int i = 0; i < pdfs; i++) {
      pdfCorpus.add(pdf(random, pages));
    }
    List<byte[]> docxCorpus = new ArrayList<>();
    List<byte[]> htmlCorpus = new ArrayList<>();
    for (int i = 0; i < docs; i++) {
      docxCorpus.add(docx(random));
      htmlCorpus.add(html(random).getBytes(StandardCharsets.UTF_8));
    }

    for (int round = 0; round < 3; round++) {
      run(parser, pdfCorpus.subList(0, Math.min(20, pdfs)), "warmup.pdf", 1);
      run(parser, docxCorpus.subList(0, Math.min(10, docs)), "warmup.docx", 1);
      run(parser, htmlCorpus.subList(0, Math.min(10, docs)), "warmup.html", 1);
    }
    Result pdf = run(parser, pdfCorpus, "bench.pdf", 1);
    Result docx = run(parser, docxCorpus, "bench.docx", 1);
    Result html = run(parser, htmlCorpus, "bench.html", 1);
    Result pdfParallel = run(parser, pdfCorpus, "bench.pdf", threads);

    System.out.println("{\n"
        + "  \"cores\": " + Runtime.getRuntime().availableProcessors() + ",\n"
        + "  \"java\": \"" + System.getProperty("java.version") + "\",\n"
        + "  \"pdf\": " + pdf.json() + ",\n"
        + "  \"docx\": " + docx.json() + ",\n"
        + "  \"html\": " + html.json() + ",\n"
        + "  \"pdf_parallel\": " + pdfParallel.json() + "\n"
        + "}");
  }

  private static Result run(TikaDocumentParser parser, List<byte[]> corpus, String name, int threads)
      throws Exception {
    AtomicLong pages = new AtomicLong();
    long bytes = corpus.stream().mapToLong(b -> b.length).sum();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (byte[] content : corpus) {
        futures.add(pool.submit(() -> {
          ParsedDocument doc = parser.parse(new ByteArrayInputStream(content), name);
          pages.addAndGet(doc.blocks().stream().map(Block::page).filter(Objects::nonNull).distinct().count());
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(corpus.size(), pages.get(), bytes, seconds, threads);
  }

  private record Result(int documents, long pages, long bytes, double seconds, int threads) {
    String json() {
      return String.format(Locale.ROOT, "{\"threads\": %d, \"documents\": %d, \"pages\": %d, \"bytes\": %d, "
              + "\"seconds\": %.3f, \"documents_per_s\": %.1f, \"pages_per_s\": %.1f, \"mb_per_s\": %.2f}",
          threads, documents, pages, bytes, seconds, documents / seconds, pages / seconds, bytes / 1e6 / seconds);
    }
  }

  private static String sentence(Random random) {
    StringBuilder s = new StringBuilder();
    int words = 8 + random.nextInt(12);
    for (int i = 0; i < words; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      s.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(i + 1 < words ? " " : ".");
    }
    return s.toString();
  }

  /** A text PDF of {@code pages} pages, each 40 lines of prose in Helvetica 10 (about 400 words a page). */
  private static byte[] pdf(Random random, int pages) {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(font, 10);
          content.setLeading(14);
          content.newLineAtOffset(50, 740);
          for (int line = 0; line < 40; line++) {
            String text = sentence(random);
            content.showText(text.length() > 100 ? text.substring(0, 100) : text);
            content.newLine();
          }
          content.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A DOCX of 5 sections, each a bold title and 6 paragraphs of 4 sentences, and a 10-row table. */
  private static byte[] docx(Random random) {
    try (XWPFDocument doc = new XWPFDocument()) {
      for (int section = 0; section < 5; section++) {
        var title = doc.createParagraph().createRun();
        title.setBold(true);
        title.setText("Section " + section);
        for (int p = 0; p < 6; p++) {
          doc.createParagraph().createRun().setText(sentence(random) + " " + sentence(random) + " "
              + sentence(random) + " " + sentence(random));
        }
      }
      var table = doc.createTable(10, 3);
      for (int r = 0; r < 10; r++) {
        for (int c = 0; c < 3; c++) {
          table.getRow(r).getCell(c).setText(WORDS[random.nextInt(WORDS.length)] + " " + r);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTML page of about 30 KB: headings, paragraphs, a list and a table, with navigation and a script. */
  private static String html(Random random) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>Page</title>"
        + "<script>var analytics = {id: 42};</script></head><body><nav><a href='/'>Home</a></nav>");
    for (int section = 0; section < 8; section++) {
      html.append("<h2>Topic ").append(section).append("</h2>");
      for (int p = 0; p < 4; p++) {
        html.append("<p>").append(sentence(random)).append(' ').append(sentence(random)).append(' ')
            .append(sentence(random)).append("</p>\n");
      }
      html.append("<ul><li>").append(sentence(random)).append("</li><li>").append(sentence(random))
          .append("</li></ul>");
    }
    html.append("<table>");
    for (int r = 0; r < 10; r++) {
      html.append("<tr><td>").append(r).append("</td><td>").append(WORDS[random.nextInt(WORDS.length)])
          .append("</td></tr>");
    }
    return html.append("</table></body></html>").toString();
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        int value = Integer.parseInt(args[i + 1]);
        if (value < 1) {
          throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
      }
    }
    return fallback;
  }
}
