package dev.ragkb.parsing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jspecify.annotations.Nullable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Builds small office files in memory, so the tests need no binary fixtures. */
final class DocumentFixtures {

  /** Magic bytes of a PNG image (signature and the start of the IHDR chunk). */
  static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  /** Magic bytes of a 64-bit little-endian ELF executable. */
  static final byte[] ELF_HEAD = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};

  private DocumentFixtures() {}

  /** A PDF with one page per entry of {@code pages}, each page holding that text on one line. */
  static byte[] pdf(@Nullable String title, List<String> pages) {
    try (PDDocument doc = new PDDocument()) {
      writePages(doc, pages);
      if (title != null) {
        doc.getDocumentInformation().setTitle(title);
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-page PDF that opens only with the user password "user". */
  static byte[] encryptedPdf(String text) {
    try (PDDocument doc = new PDDocument()) {
      writePages(doc, List.of(text));
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A DOCX whose paragraphs are given as {@code "H1:text"}, {@code "H2:text"} (Word's heading styles) or plain
   * text, followed by a 2x2 table when {@code table} is not null. POI's blank document has no style definitions,
   * and Tika maps a paragraph to {@code <hN>} by the style's name ("heading 1"), so the styles are declared here.
   */
  static byte[] docx(List<String> paragraphs, String @Nullable [][] table) {
    try (XWPFDocument doc = new XWPFDocument()) {
      XWPFStyles styles = doc.createStyles();
      for (int level = 1; level <= 2; level++) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId("Heading" + level);
        style.addNewName().setVal("heading " + level);
        style.setType(STStyleType.PARAGRAPH);
        styles.addStyle(new XWPFStyle(style));
      }
      for (String paragraph : paragraphs) {
        var p = doc.createParagraph();
        if (paragraph.startsWith("H1:") || paragraph.startsWith("H2:")) {
          p.setStyle("Heading" + paragraph.charAt(1));
          p.createRun().setText(paragraph.substring(3));
        } else {
          p.createRun().setText(paragraph);
        }
      }
      if (table != null) {
        XWPFTable t = doc.createTable(table.length, table[0].length);
        for (int r = 0; r < table.length; r++) {
          for (int c = 0; c < table[r].length; c++) {
            t.getRow(r).getCell(c).setText(table[r][c]);
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A DOCX of plain paragraphs whose core properties name {@code creator} and {@code created}. */
  static byte[] docxWithProperties(String creator, java.time.Instant created, List<String> paragraphs) {
    try (XWPFDocument doc = new XWPFDocument()) {
      for (String paragraph : paragraphs) {
        doc.createParagraph().createRun().setText(paragraph);
      }
      var core = doc.getProperties().getCoreProperties();
      core.setCreator(creator);
      core.setCreated(java.util.Optional.of(java.util.Date.from(created)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ooxml} (a DOCX, XLSX or PPTX) encrypted with a password, the way Office's "Encrypt with Password" does. */
  static byte[] passwordProtected(byte[] ooxml) {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("secret");
      try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(ooxml));
          OutputStream out = encryptor.getDataStream(fs)) {
        pkg.save(out);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException | InvalidFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An XLSX with one sheet named {@code sheetName} holding {@code rows}. */
  static byte[] xlsx(String sheetName, String[][] rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      XSSFSheet sheet = workbook.createSheet(sheetName);
      for (int r = 0; r < rows.length; r++) {
        XSSFRow row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePages(PDDocument doc, List<String> pages) throws IOException {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (String text : pages) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        if (!text.isEmpty()) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 700);
          content.showText(text);
          content.endText();
        }
      }
    }
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }
}
