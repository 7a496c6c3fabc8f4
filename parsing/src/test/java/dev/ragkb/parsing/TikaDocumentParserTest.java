package dev.ragkb.parsing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.core.UnsupportedDocumentTypeException;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TikaDocumentParserTest {

  private static final long MAX_BYTES = 1 << 20;

  private final TikaDocumentParser parser = TestParsers.tika(MAX_BYTES);

  @Test
  void numbersPdfBlocksByTheirPage() {
    byte[] pdf = DocumentFixtures.pdf("Fruit Report", List.of("Apples grow on trees.", "Bananas grow in bunches."));

    ParsedDocument doc = parse(pdf, "fruit.pdf");

    assertThat(doc.title()).isEqualTo("Fruit Report");
    assertThat(doc.mediaType()).isEqualTo("application/pdf");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::page)
        .containsExactly(tuple("Apples grow on trees.", 1), tuple("Bananas grow in bunches.", 2));
    assertThat(doc.text()).isEqualTo("Apples grow on trees.\n\nBananas grow in bunches.");
  }

  @Test
  void titlesADocumentWithoutTitleMetadataAfterItsFileName() {
    byte[] pdf = DocumentFixtures.pdf(null, List.of("Quarterly numbers."));

    assertThat(parse(pdf, "reports/2024/q3-summary.pdf").title()).isEqualTo("q3-summary");
  }

  @Test
  void givesDocxParagraphsTheHeadingPathOfTheirWordHeadings() {
    byte[] docx = DocumentFixtures.docx(
        List.of("Preface text.", "H1:Installation", "Download the archive.", "H2:Linux", "Unpack it.",
            "H2:Windows", "Run the installer.", "H1:Usage", "Start the service."),
        new String[][] {{"flag", "meaning"}, {"-v", "verbose"}});

    ParsedDocument doc = parse(docx, "manual.docx");

    assertThat(doc.title()).isEqualTo("manual");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath, Block::page)
        .containsExactly(
            tuple("Preface text.", List.of(), null),
            tuple("Download the archive.", List.of("Installation"), null),
            tuple("Unpack it.", List.of("Installation", "Linux"), null),
            tuple("Run the installer.", List.of("Installation", "Windows"), null),
            tuple("Start the service.", List.of("Usage"), null),
            tuple("| flag | meaning |", List.of("Usage"), null),
            tuple("| -v | verbose |", List.of("Usage"), null));
  }

  @Test
  void readsTheHtmlTitleHeadingsListsAndTableRows() {
    String html = """
        <html><head><title>Support  Guide</title><style>p { color: red }</style></head>
        <body>
          <h1>Accounts</h1>
          <p>Reset your <b>password</b> from the login page.<br>It takes a minute.</p>
          <h2>Locked accounts</h2>
          <ul><li>Wait ten minutes.</li><li>Call support.</li></ul>
          <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Basic</td><td><p>10</p><p>EUR</p></td></tr></table>
          <h2>Closing</h2>
          Loose text in the body.
        </body></html>
        """;

    ParsedDocument doc = parse(html.getBytes(UTF_8), "guide.html");

    assertThat(doc.title()).isEqualTo("Support Guide");
    assertThat(doc.mediaType()).isEqualTo("text/html");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(
            tuple("Reset your password from the login page. It takes a minute.", List.of("Accounts")),
            tuple("Wait ten minutes.", List.of("Accounts", "Locked accounts")),
            tuple("Call support.", List.of("Accounts", "Locked accounts")),
            tuple("| Plan | Price |", List.of("Accounts", "Locked accounts")),
            tuple("| Basic | 10 EUR |", List.of("Accounts", "Locked accounts")),
            tuple("Loose text in the body.", List.of("Accounts", "Closing")));
  }

  @Test
  void headsSpreadsheetRowsWithTheirSheetName() {
    byte[] xlsx = DocumentFixtures.xlsx("Prices", new String[][] {{"item", "price"}, {"apple", "1.50"}});

    ParsedDocument doc = parse(xlsx, "prices.xlsx");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath, Block::page)
        .containsExactly(
            tuple("| item | price |", List.of("Prices"), null), tuple("| apple | 1.50 |", List.of("Prices"), null));
  }

  @Test
  void splitsMarkdownIntoSectionsAndParagraphs() {
    String markdown = """
        # Deployment Guide

        Read this first.

        ## Docker
        Build the image
        with one command.

        ```bash
        # not a heading
        docker build .
        ```

        ## Helm

        Install the chart.
        """;

    ParsedDocument doc = parse(markdown.getBytes(UTF_8), "docs/deploy.md");

    assertThat(doc.title()).isEqualTo("Deployment Guide");
    assertThat(doc.mediaType()).isEqualTo("text/markdown");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(
            tuple("Read this first.", List.of("Deployment Guide")),
            tuple("Build the image with one command.", List.of("Deployment Guide", "Docker")),
            tuple("# not a heading docker build .", List.of("Deployment Guide", "Docker")),
            tuple("Install the chart.", List.of("Deployment Guide", "Helm")));
  }

  @Test
  void splitsPlainTextIntoParagraphsOnBlankLines() {
    String text = "First paragraph\nstill first.\n\n\n  Second   paragraph. \r\n\r\n# Not a heading\n";

    ParsedDocument doc = parse(text.getBytes(UTF_8), "notes.txt");

    assertThat(doc.title()).isEqualTo("notes");
    assertThat(doc.mediaType()).isEqualTo("text/plain");
    assertThat(doc.blocks())
        .extracting(Block::text)
        .containsExactly("First paragraph still first.", "Second paragraph.", "# Not a heading");
    assertThat(doc.blocks()).allSatisfy(block -> assertThat(block.headingPath()).isEmpty());
  }

  @Test
  void decodesUtf8TextThatTikaWouldGuessAsAnotherCharset() {
    String text = "\uFEFF# Café\n\n知识库支持中文。第二句。\n";

    ParsedDocument doc = parse(text.getBytes(UTF_8), "kb.md");

    assertThat(doc.title()).isEqualTo("Café");
    assertThat(doc.text()).isEqualTo("知识库支持中文。第二句。");
  }

  @Test
  void stripsControlCharactersAndCollapsesWhitespace() {
    String text = "Tab\there\u0000and\u0007 there,\u00A0no-break\u200B and\u00ADsoft.";

    assertThat(parse(text.getBytes(UTF_8), "odd.txt").text()).isEqualTo("Tab hereand there, no-break andsoft.");
  }

  @Test
  void leavesTheCallersStreamOpen() {
    AtomicBoolean closed = new AtomicBoolean();
    var content = new ByteArrayInputStream("hello".getBytes(UTF_8)) {
      @Override
      public void close() {
        closed.set(true);
      }
    };

    parser.parse(content, "a.txt");

    assertThat(closed).isFalse();
  }

  @Test
  void rejectsAnEmptyFile() {
    assertThatThrownBy(() -> parse(new byte[0], "empty.pdf"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void rejectsAFileWithOnlyWhitespaceAsHavingNoText() {
    assertThatThrownBy(() -> parse(" \n\t\n ".getBytes(UTF_8), "blank.txt"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("no text");
  }

  @Test
  void rejectsAPdfWithoutTextAsHavingNoText() {
    assertThatThrownBy(() -> parse(DocumentFixtures.pdf(null, List.of("")), "scan.pdf"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("no text");
  }

  @Test
  void rejectsRandomBytesNamedLikeAPdfAsCorrupt() {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);

    assertThatThrownBy(() -> parse(noise, "report.pdf"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("report.pdf");
  }

  @Test
  void rejectsATruncatedPdfAsCorrupt() {
    byte[] pdf = DocumentFixtures.pdf("Cut", List.of("Some text.", "More text."));

    assertThatThrownBy(() -> parse(Arrays.copyOf(pdf, pdf.length / 2), "cut.pdf"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("cut.pdf");
  }

  @Test
  void reportsAnEncryptedPdfAsEncrypted() {
    assertThatThrownBy(() -> parse(DocumentFixtures.encryptedPdf("Top secret."), "secret.pdf"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("encrypted");
  }

  @Test
  void reportsAPasswordProtectedDocxAsEncrypted() {
    byte[] docx = DocumentFixtures.passwordProtected(DocumentFixtures.docx(List.of("Salaries."), null));

    assertThatThrownBy(() -> parse(docx, "salaries.docx"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("encrypted");
  }

  @Test
  void rejectsAnImageAsUnsupportedWhateverItsName() {
    assertThatThrownBy(() -> parse(DocumentFixtures.PNG_HEAD, "photo.pdf"))
        .isInstanceOf(UnsupportedDocumentTypeException.class)
        .hasMessageContaining("image/png");
  }

  @Test
  void rejectsAnExecutableAsUnsupported() {
    assertThatThrownBy(() -> parse(DocumentFixtures.ELF_HEAD, "tool"))
        .isInstanceOf(UnsupportedDocumentTypeException.class);
  }

  @Test
  void rejectsAFileOverTheSizeLimitWithoutParsingIt() {
    TikaDocumentParser small = TestParsers.tika(1_000);
    byte[] big = "word ".repeat(1_000).getBytes(UTF_8);

    assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(big), "big.txt"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("exceeds the limit of 1000 bytes");
  }

  @Test
  void rejectsAPdfOverTheSizeLimit() {
    byte[] pdf = DocumentFixtures.pdf("Big", List.of("Some text.", "More text."));
    TikaDocumentParser small = TestParsers.tika(pdf.length - 1);

    assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(pdf), "big.pdf"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void rejectsADocxWhoseTextExpandsFarBeyondItsSize() {
    byte[] docx = DocumentFixtures.docx(List.of("lorem ".repeat(100_000)), null);
    TikaDocumentParser parser = TestParsers.tika(docx.length + 1_000);

    assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(docx), "bomb.docx"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("extracted text exceeds the limit");
  }

  @Test
  void flattensCsvRowsIntoCellsJoinedByBars() {
    StringBuilder csv = new StringBuilder("name,age,city\n");
    for (int i = 0; i < 20; i++) {
      csv.append("n").append(i).append(',').append(i).append(",\"Paris, FR\"\n");
    }

    ParsedDocument doc = parse(csv.toString().getBytes(UTF_8), "people.csv");

    assertThat(doc.mediaType()).isEqualTo("text/csv");
    assertThat(doc.blocks()).hasSize(21);
    assertThat(doc.blocks()).extracting(Block::text).startsWith("| name | age | city |", "| n0 | 0 | Paris, FR |");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "text/html; charset=UTF-8",
      "TEXT/PLAIN",
      "text/markdown",
      "text/x-web-markdown",
      "application/rtf",
      "text/rtf",
      "application/vnd.oasis.opendocument.text",
      "application/epub+zip",
      "text/csv",
      "application/zip",
      "message/rfc822",
      "application/vnd.ms-outlook"})
  void supportsTheTypesWeIngest(String mediaType) {
    assertThat(parser.supports(mediaType)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "image/png", "application/x-executable", "application/x-7z-compressed", "application/octet-stream",
      "application/json",
      "not a media type", ""})
  void doesNotSupportOtherTypes(String mediaType) {
    assertThat(parser.supports(mediaType)).isFalse();
  }

  @Test
  void detectsTheTypeFromMagicBytesBeforeTheName() {
    assertThat(parser.detect(DocumentFixtures.PNG_HEAD, "photo.pdf")).isEqualTo("image/png");
    assertThat(parser.detect("# Title".getBytes(UTF_8), "README.md")).isEqualTo("text/markdown");
    assertThat(parser.detect(Arrays.copyOf(DocumentFixtures.pdf(null, List.of("x")), 512), "upload"))
        .isEqualTo("application/pdf");
  }

  private ParsedDocument parse(byte[] content, String fileName) {
    return parser.parse(new ByteArrayInputStream(content), fileName);
  }
}
