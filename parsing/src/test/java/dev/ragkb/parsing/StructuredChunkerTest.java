package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ragkb.core.TokenCounter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StructuredChunkerTest {

  private static final TokenCounter WHITESPACE = text -> text.split("\\s+").length;
  /** One token per non-whitespace character: a stand-in for how tokenizers treat CJK text. */
  private static final TokenCounter CHARACTERS = text -> (int) text.codePoints()
      .filter(c -> !Character.isWhitespace(c)).count();

  @Test
  void packsTheSmallBlocksOfASectionIntoOneChunk() {
    ParsedDocument doc = markdown("# Intro", "One two.", "Three four.", "Five six.");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 50, 5).chunk(doc);

    assertThat(chunks).singleElement().satisfies(chunk -> {
      assertThat(chunk.text()).isEqualTo("One two.\n\nThree four.\n\nFive six.");
      assertThat(chunk.headingPath()).containsExactly("Intro");
      assertThat(chunk.startOffset()).isZero();
      assertThat(chunk.endOffset()).isEqualTo(doc.text().length());
    });
  }

  @Test
  void neverPacksBlocksOfTwoHeadingsTogether() {
    ParsedDocument doc = markdown("# A", "Alpha one.", "## B", "Beta one.", "# C", "Gamma one.");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 50, 5).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::text, ChunkDraft::headingPath)
        .containsExactly(
            tuple("Alpha one.", List.of("A")),
            tuple("Beta one.", List.of("A", "B")),
            tuple("Gamma one.", List.of("C")));
  }

  @Test
  void keepsEveryChunkWithinTheTokenBudget() {
    ParsedDocument doc = markdown(longParagraph(40), longParagraph(3), longParagraph(25));

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 20, 6).chunk(doc);

    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks).allSatisfy(chunk -> assertThat(WHITESPACE.count(chunk.text())).isLessThanOrEqualTo(20));
  }

  @Test
  void cutsChunksThatAreExactSlicesOfTheDocumentText() {
    ParsedDocument doc = markdown("# Long", longParagraph(30), "Short tail.");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 15, 4).chunk(doc);

    assertThat(chunks).allSatisfy(chunk ->
        assertThat(doc.text().substring(chunk.startOffset(), chunk.endOffset())).isEqualTo(chunk.text()));
  }

  @Test
  void repeatsTheLastSentencesOfAChunkAtTheStartOfTheNext() {
    ParsedDocument doc = markdown("# Long", longParagraph(30));

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 20, 8).chunk(doc);

    assertThat(chunks).hasSizeGreaterThan(2);
    for (int i = 1; i < chunks.size(); i++) {
      ChunkDraft previous = chunks.get(i - 1);
      ChunkDraft next = chunks.get(i);
      assertThat(next.startOffset()).isGreaterThan(previous.startOffset()).isLessThan(previous.endOffset());
      String shared = doc.text().substring(next.startOffset(), previous.endOffset());
      assertThat(shared).startsWith("Sentence").endsWith(".");
      assertThat(WHITESPACE.count(shared)).isBetween(1, 8);
      assertThat(next.endOffset()).isGreaterThan(previous.endOffset());
    }
  }

  @Test
  void doesNotOverlapWhenOverlapIsZero() {
    ParsedDocument doc = markdown(longParagraph(30));

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 20, 0).chunk(doc);

    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).startOffset()).isGreaterThan(chunks.get(i - 1).endOffset());
    }
  }

  @Test
  void splitsCjkTextOnFullStops() {
    String text = "知识库支持中文检索。系统会按句号切分文本！每一块都不会太长？最后一句也要保留。";
    ParsedDocument doc = markdown(text);

    List<ChunkDraft> chunks = new StructuredChunker(CHARACTERS, 12, 0).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::text)
        .containsExactly("知识库支持中文检索。", "系统会按句号切分文本！", "每一块都不会太长？", "最后一句也要保留。");
  }

  @Test
  void cutsALongCjkSentenceAtItsCommasRatherThanMidClause() {
    String text = "用户上传文档之后，系统会自动解析文件内容，按照章节和段落切分文本，再计算向量并写入索引。";
    ParsedDocument doc = markdown(text);

    List<ChunkDraft> chunks = new StructuredChunker(CHARACTERS, 20, 0).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::text)
        .containsExactly("用户上传文档之后，", "系统会自动解析文件内容，", "按照章节和段落切分文本，", "再计算向量并写入索引。");
  }

  @Test
  void splitsASentenceLongerThanTheBudgetOnWords() {
    String sentence = IntStream.range(0, 50).mapToObj(i -> "w" + i).reduce((a, b) -> a + " " + b).orElseThrow();
    ParsedDocument doc = markdown(sentence + ".");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 10, 0).chunk(doc);

    assertThat(chunks).hasSize(5);
    assertThat(chunks).allSatisfy(chunk -> assertThat(WHITESPACE.count(chunk.text())).isEqualTo(10));
    assertThat(chunks.getFirst().text()).startsWith("w0 ").endsWith(" w9");
  }

  @Test
  void splitsAnUnbrokenRunLongerThanTheBudgetOnCharacters() {
    String run = "很长的一段没有标点的中文文本需要按字符切分才能放进预算里面去";
    ParsedDocument doc = markdown(run);

    List<ChunkDraft> chunks = new StructuredChunker(CHARACTERS, 8, 0).chunk(doc);

    assertThat(chunks).allSatisfy(chunk -> assertThat(CHARACTERS.count(chunk.text())).isLessThanOrEqualTo(8));
    assertThat(chunks).extracting(ChunkDraft::text).containsExactly(
        run.substring(0, 8), run.substring(8, 16), run.substring(16, 24), run.substring(24));
  }

  @Test
  void doesNotCutASurrogatePairInHalf() {
    String run = "😀".repeat(5);
    ParsedDocument doc = markdown(run);

    List<ChunkDraft> chunks = new StructuredChunker(CHARACTERS, 2, 0).chunk(doc);

    assertThat(chunks).extracting(ChunkDraft::text).containsExactly("😀😀", "😀😀", "😀");
  }

  @Test
  void givesAChunkThePageOfItsFirstBlock() {
    BlockAssembler assembler = new BlockAssembler();
    assembler.block("On page one.", 1);
    assembler.block("On page two.", 2);
    assembler.block("Page two again, with more words.", 2);
    ParsedDocument doc = assembler.toDocument("t", "application/pdf");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 8, 0).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::text, ChunkDraft::page)
        .containsExactly(
            tuple("On page one.", 1), tuple("On page two.", 2), tuple("Page two again, with more words.", 2));
  }

  @Test
  void neverSpansAPageBreakSoACitationsPageHoldsItsPassage() {
    BlockAssembler assembler = new BlockAssembler();
    assembler.block("Alpha beta gamma. Delta epsilon.", 1);
    assembler.block("Zeta eta theta iota.", 2);
    ParsedDocument doc = assembler.toDocument("t", "application/pdf");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 6, 2).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::text, ChunkDraft::page)
        .containsExactly(tuple("Alpha beta gamma. Delta epsilon.", 1), tuple("Zeta eta theta iota.", 2));
  }

  @Test
  void makesTheWholeSectionTheParentByDefault() {
    ParsedDocument doc = markdown("# Long", longParagraph(30), "Short tail.", "# Next", "Other section.");

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 15, 4).chunk(doc);

    int firstSectionEnd = doc.text().indexOf("Short tail.") + "Short tail.".length();
    assertThat(chunks).filteredOn(chunk -> chunk.headingPath().equals(List.of("Long")))
        .hasSizeGreaterThan(2)
        .allSatisfy(chunk -> {
          assertThat(chunk.parentStartOffset()).isZero();
          assertThat(chunk.parentEndOffset()).isEqualTo(firstSectionEnd);
        });
    assertThat(chunks.getLast().parentText(doc)).isEqualTo("Other section.");
  }

  @Test
  void cutsChildChunksWithinParentsThatFitTheParentBudget() {
    ParsedDocument doc = markdown("# Long", longParagraph(40), longParagraph(12), longParagraph(25));

    List<ChunkDraft> chunks = new StructuredChunker(WHITESPACE, 12, 3, 60).chunk(doc);

    List<String> parents = chunks.stream().map(chunk -> chunk.parentText(doc)).distinct().toList();
    assertThat(parents).hasSizeGreaterThan(3);
    assertThat(parents).allSatisfy(parent -> assertThat(WHITESPACE.count(parent)).isLessThanOrEqualTo(60));
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(WHITESPACE.count(chunk.text())).isLessThanOrEqualTo(12);
      assertThat(chunk.parentStartOffset()).isLessThanOrEqualTo(chunk.startOffset());
      assertThat(chunk.parentEndOffset()).isGreaterThanOrEqualTo(chunk.endOffset());
    });
    // every word of the document is in some chunk: the parents tile the section and the children tile the parents
    assertThat(String.join(" ", chunks.stream().map(ChunkDraft::text).toList()).split("\\s+"))
        .containsAll(List.of(doc.text().split("\\s+")));
  }

  @Test
  void rejectsAParentBudgetSmallerThanTheChunkBudget() {
    assertThatThrownBy(() -> new StructuredChunker(WHITESPACE, 20, 2, 19))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void returnsNoChunksForADocumentWithoutBlocks() {
    ParsedDocument empty = ParsedDocument.of("t", "text/plain", "", List.of());

    assertThat(new StructuredChunker(WHITESPACE, 10, 2).chunk(empty)).isEmpty();
  }

  @Test
  void rejectsABudgetThatCannotHoldAToken() {
    assertThatThrownBy(() -> new StructuredChunker(WHITESPACE, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnOverlapThatIsNegativeOrFillsTheBudget() {
    assertThatThrownBy(() -> new StructuredChunker(WHITESPACE, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StructuredChunker(WHITESPACE, 10, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Checks every guarantee on random documents against a naive oracle. Deterministic: the seeds are fixed, and a
   * failure names its seed so it can be replayed alone.
   */
  @Test
  void keepsItsGuaranteesOnRandomDocuments() {
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      ParsedDocument doc = randomDocument(random);
      TokenCounter counter = random.nextBoolean() ? WHITESPACE : CHARACTERS;
      int maxTokens = 3 + random.nextInt(40);
      int overlap = random.nextInt(maxTokens / 2 + 1);

      int parentMaxTokens = random.nextBoolean() ? Integer.MAX_VALUE : maxTokens + random.nextInt(4 * maxTokens);
      List<ChunkDraft> chunks = new StructuredChunker(counter, maxTokens, overlap, parentMaxTokens).chunk(doc);

      String context = "seed " + seed + ", parent budget " + parentMaxTokens;
      for (int i = 0; i < chunks.size(); i++) {
        ChunkDraft chunk = chunks.get(i);
        assertThat(doc.text().substring(chunk.startOffset(), chunk.endOffset())).as(context).isEqualTo(chunk.text());
        if (chunk.text().codePointCount(0, chunk.text().length()) > 1) {
          assertThat(counter.count(chunk.text())).as(context).isLessThanOrEqualTo(maxTokens);
        }
        List<Block> section = sectionContaining(doc, chunk.startOffset());
        assertThat(chunk.endOffset()).as(context + ": chunk leaves its section").isLessThanOrEqualTo(
            section.getLast().endOffset());
        assertThat(chunk.headingPath()).as(context).isEqualTo(section.getFirst().headingPath());
        assertThat(chunk.parentStartOffset()).as(context + ": parent leaves its section")
            .isGreaterThanOrEqualTo(section.getFirst().startOffset());
        assertThat(chunk.parentEndOffset()).as(context + ": parent leaves its section")
            .isLessThanOrEqualTo(section.getLast().endOffset());
        String parent = chunk.parentText(doc);
        if (parentMaxTokens != Integer.MAX_VALUE && parent.codePointCount(0, parent.length()) > 1) {
          assertThat(counter.count(parent)).as(context).isLessThanOrEqualTo(parentMaxTokens);
        }
        assertThat(chunk.page()).as(context).isEqualTo(blockAt(doc, chunk.startOffset()).page());
        if (i > 0) {
          assertThat(chunk.startOffset()).as(context).isGreaterThan(chunks.get(i - 1).startOffset());
          assertThat(chunk.endOffset()).as(context).isGreaterThan(chunks.get(i - 1).endOffset());
        }
      }
      boolean[] covered = new boolean[doc.text().length()];
      chunks.forEach(chunk -> Arrays.fill(covered, chunk.startOffset(), chunk.endOffset(), true));
      for (Block block : doc.blocks()) {
        for (int at = block.startOffset(); at < block.endOffset(); at++) {
          assertThat(covered[at] || Character.isWhitespace(doc.text().charAt(at)))
              .as(context + ": text at " + at + " is in no chunk").isTrue();
        }
      }
    }
  }

  private static ParsedDocument randomDocument(Random random) {
    String[] words = {"alpha", "beta", "gamma", "delta", "x", "retrieval", "augmented", "https://example.org/a/b"};
    String[] cjk = {"知识库", "检索", "生成", "文档", "切分"};
    BlockAssembler assembler = new BlockAssembler();
    int blocks = 1 + random.nextInt(25);
    for (int b = 0; b < blocks; b++) {
      if (random.nextInt(5) == 0) {
        assembler.heading(1 + random.nextInt(3), "Heading " + b);
      }
      StringBuilder text = new StringBuilder();
      int sentences = 1 + random.nextInt(12);
      for (int s = 0; s < sentences; s++) {
        if (random.nextInt(4) == 0) {
          IntStream.range(0, 1 + random.nextInt(30)).forEach(w -> text.append(cjk[random.nextInt(cjk.length)]));
          text.append(random.nextBoolean() ? "。" : "");
        } else {
          IntStream.range(0, 1 + random.nextInt(20))
              .forEach(w -> text.append(words[random.nextInt(words.length)]).append(' '));
          text.append(random.nextBoolean() ? ". " : "? ");
        }
      }
      assembler.block(text.toString(), random.nextBoolean() ? 1 + b / 3 : null);
    }
    return assembler.toDocument("t", "text/plain");
  }

  /** The run of consecutive blocks with one heading path that holds {@code offset}. */
  private static List<Block> sectionContaining(ParsedDocument doc, int offset) {
    List<Block> blocks = doc.blocks();
    int at = blocks.indexOf(blockAt(doc, offset));
    int first = at;
    while (first > 0 && blocks.get(first - 1).headingPath().equals(blocks.get(at).headingPath())) {
      first--;
    }
    int last = at;
    while (last + 1 < blocks.size() && blocks.get(last + 1).headingPath().equals(blocks.get(at).headingPath())) {
      last++;
    }
    return blocks.subList(first, last + 1);
  }

  private static Block blockAt(ParsedDocument doc, int offset) {
    return doc.blocks().stream()
        .filter(block -> block.startOffset() <= offset && offset < block.endOffset())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no block holds offset " + offset));
  }

  private static String longParagraph(int sentences) {
    return IntStream.range(0, sentences)
        .mapToObj(i -> "Sentence " + i + " has five words.")
        .reduce((a, b) -> a + " " + b)
        .orElseThrow();
  }

  private static ParsedDocument markdown(String... paragraphs) {
    BlockAssembler assembler = new BlockAssembler();
    new TextBlockReader(TextBlockReader.Syntax.MARKDOWN, assembler).read(String.join("\n\n", paragraphs));
    return assembler.toDocument("t", "text/markdown");
  }
}
