package dev.ragkb.parsing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;

/**
 * Builds archives, e-mails, presentations, OpenDocument, EPUB, RTF and scanned PDFs in memory, including hostile
 * ones (bombs, deep nesting), so the tests need no binary fixtures.
 */
final class ArchiveFixtures {

  private ArchiveFixtures() {}

  /** A ZIP holding {@code entries} (name to content), in order. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A ZIP whose first entry is stored (uncompressed), as ODF and EPUB require for their {@code mimetype} entry. */
  static byte[] packageZip(String mimetype, Map<String, String> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      byte[] type = mimetype.getBytes(UTF_8);
      ZipEntry first = new ZipEntry("mimetype");
      first.setMethod(ZipEntry.STORED);
      first.setSize(type.length);
      CRC32 crc = new CRC32();
      crc.update(type);
      first.setCrc(crc.getValue());
      zip.putNextEntry(first);
      zip.write(type);
      zip.closeEntry();
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A text file inside a ZIP inside a ZIP..., {@code depth} archives deep. */
  static byte[] nestedZip(int depth) {
    byte[] content = "The innermost file.".getBytes(UTF_8);
    String name = "inner.txt";
    for (int level = 0; level < depth; level++) {
      content = zip(Map.of(name, content));
      name = "level-" + level + ".zip";
    }
    return content;
  }

  /** A ZIP of {@code count} small text files. */
  static byte[] zipOfMany(int count) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      entries.put("file-" + i + ".txt", ("File number " + i + ".").getBytes(UTF_8));
    }
    return zip(entries);
  }

  /**
   * A classic decompression bomb: a small ZIP with one text entry of {@code megabytes} MB of lines of one letter,
   * which deflates about 1,000 to 1 (deflate's best).
   */
  static byte[] zipBomb(int megabytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("bomb.txt"));
      byte[] line = ("a".repeat(999) + "\n").repeat(1_000).getBytes(UTF_8);
      for (long written = 0; written < megabytes * 1_000_000L; written += line.length) {
        zip.write(line);
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A multipart e-mail from Alice with a text body and one attachment per entry of {@code attachments}. */
  static byte[] email(String subject, String body, Map<String, String> attachments) {
    StringBuilder mail = new StringBuilder()
        .append("From: Alice Example <alice@example.com>\r\n")
        .append("To: bob@example.com\r\n")
        .append("Subject: ").append(subject).append("\r\n")
        .append("Date: Tue, 3 Mar 2026 10:00:00 +0000\r\n")
        .append("MIME-Version: 1.0\r\n")
        .append("Content-Type: multipart/mixed; boundary=BOUNDARY\r\n\r\n")
        .append("--BOUNDARY\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(body).append("\r\n");
    attachments.forEach((name, text) -> mail
        .append("--BOUNDARY\r\nContent-Type: text/plain; charset=UTF-8; name=").append(name).append("\r\n")
        .append("Content-Disposition: attachment; filename=").append(name).append("\r\n\r\n")
        .append(text).append("\r\n"));
    return mail.append("--BOUNDARY--\r\n").toString().getBytes(UTF_8);
  }

  /** A PPTX with one text box per entry of {@code slides}. */
  static byte[] pptx(List<String> slides) {
    try (XMLSlideShow show = new XMLSlideShow()) {
      for (String text : slides) {
        XSLFSlide slide = show.createSlide();
        slide.createTextBox().setText(text);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A legacy binary PowerPoint (PPT) with one text box per entry of {@code slides}. */
  static byte[] ppt(List<String> slides) {
    try (org.apache.poi.hslf.usermodel.HSLFSlideShow show = new org.apache.poi.hslf.usermodel.HSLFSlideShow()) {
      for (String text : slides) {
        show.createSlide().createTextBox().setText(text);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A legacy binary Excel workbook (XLS) with one sheet per entry, each holding one row of cells. */
  static byte[] xls(Map<String, List<String>> sheets) {
    try (org.apache.poi.hssf.usermodel.HSSFWorkbook workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook()) {
      sheets.forEach((name, cells) -> {
        var row = workbook.createSheet(name).createRow(0);
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(c).setCellValue(cells.get(c));
        }
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An RTF document with a bold title line and a paragraph. */
  static byte[] rtf(String title, String paragraph) {
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}{\\info{\\author Carol Writer}}\\f0\\fs24 {\\b " + title
        + "}\\par " + paragraph + "\\par}").getBytes(UTF_8);
  }

  /** An OpenDocument text with a level-1 heading and a paragraph under it. */
  static byte[] odt(String heading, String paragraph) {
    String content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
          <office:body><office:text>
            <text:h text:outline-level="1">%s</text:h>
            <text:p>%s</text:p>
          </office:text></office:body>
        </office:document-content>
        """.formatted(heading, paragraph);
    String manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
          <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
          <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """;
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/manifest.xml", manifest);
    entries.put("content.xml", content);
    return packageZip("application/vnd.oasis.opendocument.text", entries);
  }

  /** An EPUB 2 book with one chapter: an H1 and a paragraph. */
  static byte[] epub(String title, String heading, String paragraph) {
    String container = """
        <?xml version="1.0"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
        </container>
        """;
    String opf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
          <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title>%s</dc:title><dc:creator>Dana Author</dc:creator><dc:identifier id="id">b1</dc:identifier>
            <dc:language>en</dc:language>
          </metadata>
          <manifest><item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>
          <spine><itemref idref="c1"/></spine>
        </package>
        """.formatted(title);
    String chapter = """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>c1</title></head>
        <body><h1>%s</h1><p>%s</p></body></html>
        """.formatted(heading, paragraph);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/container.xml", container);
    entries.put("OEBPS/content.opf", opf);
    entries.put("OEBPS/chapter1.xhtml", chapter);
    return packageZip("application/epub+zip", entries);
  }

  /**
   * A PDF whose pages are either text (a string) or a scan: an image of {@code "SCAN:"}-prefixed text, drawn large
   * and black on white so that Tesseract reads it reliably, with no text layer.
   */
  static byte[] pdfWithScans(List<String> pages) {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String page : pages) {
        PDPage pdfPage = new PDPage();
        doc.addPage(pdfPage);
        try (PDPageContentStream content = new PDPageContentStream(doc, pdfPage)) {
          if (page.startsWith("SCAN:")) {
            PDImageXObject image = LosslessFactory.createFromImage(doc, render(page.substring(5)));
            content.drawImage(image, 36, 500, 540, 540f * image.getHeight() / image.getWidth());
          } else {
            content.beginText();
            content.setFont(font, 12);
            content.newLineAtOffset(72, 700);
            content.showText(page);
            content.endText();
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG image of {@code text}, large and black on white. */
  static byte[] png(String text) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      javax.imageio.ImageIO.write(render(text), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage render(String text) {
    BufferedImage image = new BufferedImage(1800, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 72));
    g.drawString(text, 40, 180);
    g.dispose();
    return image;
  }
}
