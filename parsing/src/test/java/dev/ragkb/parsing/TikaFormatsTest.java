package dev.ragkb.parsing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The format matrix beyond PDF, DOCX, HTML, XLSX, CSV, Markdown and text (see TikaDocumentParserTest). */
class TikaFormatsTest {

  private final TikaDocumentParser parser = TestParsers.tika(4 << 20);

  @Test
  void numbersPowerPointBlocksByTheirSlide() {
    ParsedDocument doc = parse(ArchiveFixtures.pptx(List.of("Welcome aboard.", "Quarterly goals.", "Questions?")),
        "deck.pptx");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::page)
        .containsExactly(tuple("Welcome aboard.", 1), tuple("Quarterly goals.", 2), tuple("Questions?", 3));
  }

  @Test
  void numbersLegacyPowerPointBlocksByTheirSlide() {
    ParsedDocument doc = parse(ArchiveFixtures.ppt(List.of("First slide.", "Second slide.")), "old.ppt");

    assertThat(doc.mediaType()).isEqualTo("application/vnd.ms-powerpoint");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::page)
        .containsExactly(tuple("First slide.", 1), tuple("Second slide.", 2));
  }

  @Test
  void headsLegacyExcelRowsWithTheirSheetNames() {
    Map<String, List<String>> sheets = new LinkedHashMap<>();
    sheets.put("Budget", List.of("rent", "1200"));
    sheets.put("Staff", List.of("alice", "engineer"));

    ParsedDocument doc = parse(ArchiveFixtures.xls(sheets), "old.xls");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(tuple("| rent | 1200 |", List.of("Budget")), tuple("| alice | engineer |", List.of("Staff")));
  }

  @Test
  void parsesEmailBodyAndAttachmentsUnderTheAttachmentName() {
    byte[] eml = ArchiveFixtures.email("Quarterly report", "See the attached notes.",
        Map.of("notes.txt", "Revenue grew by four percent."));

    ParsedDocument doc = parse(eml, "mail.eml");

    assertThat(doc.mediaType()).isEqualTo("message/rfc822");
    assertThat(doc.title()).isEqualTo("Quarterly report");
    assertThat(doc.authors()).singleElement().asString().contains("Alice Example");
    assertThat(doc.created()).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .contains(
            tuple("See the attached notes.", List.of()),
            tuple("Revenue grew by four percent.", List.of("notes.txt")));
  }

  @Test
  void parsesZipEntriesRecursivelyEachUnderItsName() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("readme.txt", "Start here.".getBytes(UTF_8));
    entries.put("guide.html", "<html><body><h1>Setup</h1><p>Install it.</p></body></html>".getBytes(UTF_8));
    entries.put("more.zip", ArchiveFixtures.zip(Map.of("deep.md", "# Deep\n\nNested text.".getBytes(UTF_8))));
    entries.put("logo.png", DocumentFixtures.PNG_HEAD);

    ParsedDocument doc = parse(ArchiveFixtures.zip(entries), "bundle.zip");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(
            tuple("Start here.", List.of("readme.txt")),
            tuple("Install it.", List.of("guide.html", "Setup")),
            tuple("Nested text.", List.of("more.zip", "deep.md", "Deep")));
    assertThat(doc.warnings()).isEmpty();
    assertThat(doc.title()).isEqualTo("bundle");
  }

  @Test
  void keepsAnArchiveWhoseEntriesAreCorruptOrJunkAndWarnsAboutThem() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("good.txt", "Good text.".getBytes(UTF_8));
    entries.put("broken.pdf", "%PDF-1.7 not really".getBytes(UTF_8));
    byte[] noise = new byte[2048];
    new java.util.Random(7).nextBytes(noise);
    entries.put("noise.txt", noise);

    ParsedDocument doc = parse(ArchiveFixtures.zip(entries), "mixed.zip");

    assertThat(doc.blocks()).extracting(Block::text).containsExactly("Good text.");
    assertThat(doc.warnings())
        .extracting(ParseWarning::kind, ParseWarning::message)
        .containsExactly(
            tuple(ParseWarning.Kind.EMBEDDED_SKIPPED, "skipped attachment 'broken.pdf': it is corrupt"),
            tuple(ParseWarning.Kind.EMBEDDED_SKIPPED, "skipped attachment 'noise.txt': binary, not text/plain"));
  }

  @Test
  void parsesRtf() {
    ParsedDocument doc = parse(ArchiveFixtures.rtf("Release notes", "Version two fixes the login bug."), "notes.rtf");

    assertThat(doc.mediaType()).isEqualTo("application/rtf");
    assertThat(doc.text()).contains("Release notes").contains("Version two fixes the login bug.");
  }

  @Test
  void parsesOpenDocumentTextWithItsHeadings() {
    ParsedDocument doc = parse(ArchiveFixtures.odt("Travel policy", "Book trains over flights."), "policy.odt");

    assertThat(doc.mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(tuple("Book trains over flights.", List.of("Travel policy")));
  }

  @Test
  void parsesEpubChaptersWithTitleAndAuthor() {
    ParsedDocument doc = parse(ArchiveFixtures.epub("The Handbook", "Chapter One", "It was a calm day."), "book.epub");

    assertThat(doc.mediaType()).isEqualTo("application/epub+zip");
    assertThat(doc.title()).isEqualTo("The Handbook");
    assertThat(doc.authors()).containsExactly("Dana Author");
    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .contains(tuple("It was a calm day.", List.of("Chapter One")));
  }

  @Test
  void readsAuthorsAndDatesFromOfficeMetadata() {
    byte[] docx = DocumentFixtures.docxWithProperties("Erin Editor", Instant.parse("2025-01-02T03:04:05Z"),
        List.of("Budget approved."));

    ParsedDocument doc = parse(docx, "budget.docx");

    assertThat(doc.authors()).containsExactly("Erin Editor");
    assertThat(doc.created()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
  }

  @Test
  void detectsTheLanguageOfEachDocument() {
    assertThat(parse("The service answers questions from the documents that you upload to it.".getBytes(UTF_8),
        "en.txt").language()).isEqualTo("en");
    assertThat(parse("Der Dienst beantwortet Fragen aus den Dokumenten, die Sie hochladen, und das ist gut.".getBytes(
        UTF_8), "de.txt").language()).isEqualTo("de");
    assertThat(parse("知识库服务根据您上传的文档回答问题。它会引用来源。".getBytes(UTF_8), "zh.txt").language())
        .isEqualTo("zh");
    assertThat(parse("このサービスは、アップロードした文書から質問に答えます。".getBytes(UTF_8), "ja.txt").language())
        .isEqualTo("ja");
    assertThat(parse("이 서비스는 업로드한 문서에서 질문에 답합니다. 출처를 인용합니다.".getBytes(UTF_8), "ko.txt").language())
        .isEqualTo("ko");
    assertThat(parse("12345 67890".getBytes(UTF_8), "numbers.txt").language())
        .isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
  }

  @Test
  void warnsAboutScannedPagesWhenOcrIsOff() {
    byte[] pdf = ArchiveFixtures.pdfWithScans(List.of("A typed first page.", "SCAN:INVOICE 4711"));

    ParsedDocument doc = parse(pdf, "mixed.pdf");

    assertThat(doc.blocks()).extracting(Block::text).containsExactly("A typed first page.");
    assertThat(doc.warnings()).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo(ParseWarning.Kind.PAGES_NOT_OCRED);
      assertThat(w.message()).contains("page 2").contains("OCR is disabled");
    });
  }

  private ParsedDocument parse(byte[] content, String fileName) {
    return parser.parse(new ByteArrayInputStream(content), fileName);
  }
}
