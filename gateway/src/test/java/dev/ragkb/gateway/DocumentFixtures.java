package dev.ragkb.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Documents made in the test, one format each, every one holding facts found in no other. */
final class DocumentFixtures {

  private DocumentFixtures() {}

  /** A two-page PDF; the claim deadline (45 days) is on page 2 only. */
  static byte[] warrantyPdf() {
    return pdf("Aurora X2 warranty", List.of(
        "Warranty terms. The Aurora X2 blender is covered for parts and labour for two years.",
        "Warranty claims for the Aurora X2 must be filed within 45 days of noticing the defect."));
  }

  /** The meal allowance (62 euros) is only here. */
  static byte[] travelDocx() {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getProperties().getCoreProperties().setTitle("Travel policy");
      doc.createParagraph().createRun().setText("Employees may book economy class for flights shorter than six hours.");
      doc.createParagraph().createRun().setText("The daily meal allowance on business trips abroad is 62 euros.");
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] billingHtml() {
    return ("<html><head><title>Billing policy</title></head><body><h1>Billing</h1>"
        + "<p>Invoices are issued on the first business day of each month.</p>"
        + "<p>Refunds are processed within 9 working days.</p></body></html>").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] routerMarkdown() {
    return ("# Zephyr-9 router manual\n\n## Factory reset\n\nTo restore the Zephyr-9 to factory settings, hold the red "
        + "recessed button for 17 seconds until the status light blinks amber.\n\n## Wi-Fi\n\nThe router broadcasts on "
        + "2.4 and 5 GHz.\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The first bytes of a PNG image: a real type, but not one we ingest. */
  static byte[] png() {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
  }

  private static byte[] pdf(String title, List<String> pages) {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getDocumentInformation().setTitle(title);
      var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 11);
          cs.newLineAtOffset(50, 700);
          cs.showText(text);
          cs.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
