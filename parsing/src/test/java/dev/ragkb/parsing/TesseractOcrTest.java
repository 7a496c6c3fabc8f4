package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OCR of scanned pages through Tika's Tesseract parser. Tesseract is installed by the project's own set-up script
 * (the one {@code .ci/run} calls), run here first: idempotent, quick when it is installed already, and a no-op that
 * leaves these tests skipped where it cannot install (no root, no apt-get).
 */
class TesseractOcrTest {

  private static final Path SETUP = Path.of("..", "scripts", "setup-ocr.sh");

  @BeforeAll
  static void installTesseractThroughTheProjectSetUp() throws IOException, InterruptedException {
    assertThat(SETUP).exists();
    Process setup = new ProcessBuilder("bash", SETUP.toString()).inheritIO().start();
    assertThat(setup.waitFor()).isZero();
  }

  @Test
  void readsTheTextOfAScannedPage() {
    TikaDocumentParser parser = TestParsers.tika(TikaDocumentParser.Settings.defaults(4 << 20)
        .withOcr(TikaDocumentParser.Ocr.WHEN_INSTALLED, "eng"));
    assumeThat(parser.readsScans()).as("tesseract installed by " + SETUP).isTrue();
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
    assumeThat(parser.readsScans()).as("tesseract installed by " + SETUP).isTrue();

    ParsedDocument doc = parser.parse(new ByteArrayInputStream(ArchiveFixtures.png("RECEIPT 1234")), "photo.png");

    assertThat(doc.mediaType()).isEqualTo("image/png");
    assertThat(doc.text()).contains("RECEIPT 1234");
  }
}
