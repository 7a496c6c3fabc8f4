package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OCR of scanned pages through Tika's Tesseract parser. Tests install nothing: Tesseract comes from the
 * project's set-up script, which {@code .ci/run} calls before the tests (and the README names); where it
 * is not installed, these tests are skipped.
 */
class TesseractOcrTest {

  private static final String SETUP = "tesseract with eng and chi_sim (scripts/setup-ocr.sh)";

  @Test
  void readsTheTextOfAScannedPage() {
    TikaDocumentParser parser = TestParsers.tika(TikaDocumentParser.Settings.defaults(4 << 20)
        .withOcr(TikaDocumentParser.Ocr.WHEN_INSTALLED, "eng"));
    assumeThat(parser.readsScans()).as(SETUP + " installed").isTrue();
    byte[] pdf = ArchiveFixtures.pdfWithScans(List.of("A typed first page.", "SCAN:INVOICE 4711 PAID"));

    ParsedDocument doc = parser.parse(new ByteArrayInputStream(pdf), "scanned.pdf");

    assertThat(doc.blocks()).filteredOn(block -> Integer.valueOf(2).equals(block.page()))
        .extracting(Block::text).anySatisfy(text -> assertThat(text).contains("INVOICE 4711"));
    assertThat(doc.warnings()).isEmpty();
  }

  @Test
  void readsAnImageWithEnglishAndChineseDataLoaded() {
    TikaDocumentParser parser = TestParsers.tika(TikaDocumentParser.Settings.defaults(4 << 20)
        .withOcr(TikaDocumentParser.Ocr.WHEN_INSTALLED, "eng+chi_sim"));
    assumeThat(parser.readsScans()).as(SETUP + " installed").isTrue();

    ParsedDocument doc = parser.parse(new ByteArrayInputStream(ArchiveFixtures.png("RECEIPT 1234")), "photo.png");

    assertThat(doc.mediaType()).isEqualTo("image/png");
    assertThat(doc.text()).contains("RECEIPT 1234");
  }
}
