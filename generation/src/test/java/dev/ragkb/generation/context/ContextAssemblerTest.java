package dev.ragkb.generation.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.Citation;
import dev.ragkb.core.Hit;
import dev.ragkb.core.TestSeed;
import dev.ragkb.core.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Context assembly over hand-cut chunks of known documents, whose offsets are checked against the documents' text. */
class ContextAssemblerTest {

  private static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

  /** Two sections; the first (0..93) is the parent of its three chunks. */
  private static final String REFUNDS = "Refunds are paid within 14 days. The refund form is online. "
      + "Refunds go to the original card.\n\nShipping takes two days. Parcels leave the warehouse daily.";
  private static final int SECTION_END = REFUNDS.indexOf("\n\n");
  private static final String OTHER = "Invoices are issued monthly. Late payments incur a fee.";

  private static Hit hit(String doc, String text, String sentence, double score, int parentStart, int parentEnd) {
    int start = text.indexOf(sentence);
    assertThat(start).as("fixture sentence").isNotNegative();
    return hit(doc, text, start, start + sentence.length(), score, text.substring(parentStart, parentEnd));
  }

  private static Hit hit(String doc, String text, int start, int end, double score, @Nullable String parent) {
    var chunk = new Chunk(doc + "@" + start, doc, "kb", start, text.substring(start, end), "Title of " + doc, doc + ".md",
        List.of("Policy"), 1, start, end, Acl.PUBLIC, Set.of(), parent);
    return Hit.of(chunk, score);
  }

  private static ContextAssembler assembler(boolean smallToBig, int maxTokens, int maxPassageTokens) {
    return new ContextAssembler(WORDS, new ContextAssembler.Settings(smallToBig, maxTokens, maxPassageTokens));
  }

  private static final ContextAssembler SMALL_TO_BIG = assembler(true, 1000, 1000);
  private static final ContextAssembler CHUNKS_ONLY = assembler(false, 1000, 1000);

  private static String textOf(String doc) {
    return doc.equals("refunds") ? REFUNDS : OTHER;
  }

  private static void assertExact(List<Passage> passages) {
    for (Passage p : passages) {
      assertThat(p.text()).isEqualTo(textOf(p.documentId()).substring(p.startOffset(), p.endOffset()));
    }
  }

  @Test
  void handsOverTheParentSectionOfAMatchedChunk() {
    Hit form = hit("refunds", REFUNDS, "The refund form is online.", 0.9, 0, SECTION_END);

    List<Passage> passages = SMALL_TO_BIG.assemble(List.of(form));

    assertThat(passages).singleElement().satisfies(p -> {
      assertThat(p.text()).isEqualTo(REFUNDS.substring(0, SECTION_END));
      assertThat(p.startOffset()).isZero();
      assertThat(p.chunkIds()).containsExactly(form.chunk().id());
    });
    assertThat(CHUNKS_ONLY.assemble(List.of(form))).singleElement()
        .extracting(Passage::text).isEqualTo("The refund form is online.");
  }

  @Test
  void hitsWithTheSameParentBecomeOnePassageRankedByItsBestHit() {
    Hit first = hit("refunds", REFUNDS, "Refunds are paid within 14 days.", 0.9, 0, SECTION_END);
    Hit other = hit("other", OTHER, "Late payments incur a fee.", 0.8, 0, OTHER.length());
    Hit sibling = hit("refunds", REFUNDS, "Refunds go to the original card.", 0.7, 0, SECTION_END);

    List<Passage> passages = SMALL_TO_BIG.assemble(List.of(first, other, sibling));

    assertThat(passages).extracting(Passage::documentId).containsExactly("refunds", "other");
    assertThat(passages.getFirst().hits()).containsExactly(first, sibling);
    assertThat(passages.getFirst().score()).isEqualTo(0.9);
    assertThat(passages.getFirst().text()).isEqualTo(REFUNDS.substring(0, SECTION_END));
    assertExact(passages);
  }

  @Test
  void mergesOverlappingAndTouchingChunksOfOneDocumentIntoTheirUnion() {
    Hit a = hit("refunds", REFUNDS, 0, 40, 0.9, null);
    Hit overlapping = hit("refunds", REFUNDS, 33, 70, 0.8, null);
    Hit touching = hit("refunds", REFUNDS, 70, 93, 0.7, null);
    Hit apart = hit("refunds", REFUNDS, 100, 120, 0.6, null);

    List<Passage> passages = CHUNKS_ONLY.assemble(List.of(touching, apart, a, overlapping));

    assertThat(passages).hasSize(2);
    assertThat(passages.getFirst().startOffset()).isZero();
    assertThat(passages.getFirst().endOffset()).isEqualTo(93);
    assertThat(passages.getFirst().hits()).containsExactly(a, overlapping, touching);
    assertThat(passages.get(1).hits()).containsExactly(apart);
    assertExact(passages);
  }

  @Test
  void neverMergesPassagesOfDifferentDocuments() {
    Hit refunds = hit("refunds", REFUNDS, 0, 30, 0.9, null);
    Hit other = hit("other", OTHER, 0, 30, 0.8, null);
    Hit touchingOther = hit("other", OTHER, 30, 40, 0.7, null);

    List<Passage> passages = CHUNKS_ONLY.assemble(List.of(refunds, other, touchingOther));

    assertThat(passages).extracting(Passage::documentId).containsExactly("refunds", "other");
    assertThat(passages.get(1).hits()).containsExactly(other, touchingOther);
    assertExact(passages);
  }

  @Test
  void leavesOutWhatDoesNotFitTheBudgetAndKeepsTheRankOrder() {
    Hit six = hit("refunds", REFUNDS, "Refunds are paid within 14 days.", 0.9, 0, SECTION_END);
    Hit five = hit("other", OTHER, "Late payments incur a fee.", 0.8, 0, OTHER.length());
    Hit four = hit("refunds", REFUNDS, "Shipping takes two days.", 0.7, SECTION_END + 2, REFUNDS.length());

    // 6 + 4 words fit 10; the second hit's single sentence of 5 does not after the first
    List<Passage> passages = assembler(false, 10, 1000).assemble(List.of(six, five, four));

    assertThat(passages).extracting(Passage::hits).containsExactly(List.of(six), List.of(four));
  }

  @Test
  void aParentTooLargeFallsBackToTheChunk() {
    Hit form = hit("refunds", REFUNDS, "The refund form is online.", 0.9, 0, SECTION_END);

    assertThat(assembler(true, 1000, 10).assemble(List.of(form))).singleElement()
        .extracting(Passage::text).isEqualTo("The refund form is online.");
    assertThat(assembler(true, 10, 1000).assemble(List.of(form))).singleElement()
        .extracting(Passage::text).isEqualTo("The refund form is online.");
  }

  @Test
  void parentsNeverCrowdOutALowerHitThatItsChunkWouldHaveShown() {
    Hit form = hit("refunds", REFUNDS, "The refund form is online.", 0.9, 0, SECTION_END);
    Hit fee = hit("other", OTHER, "Late payments incur a fee.", 0.8, 0, OTHER.length());

    // the first parent (17 words) fits 20 alone, but not next to the second chunk's 5: a window of it does
    List<Passage> passages = assembler(true, 20, 1000).assemble(List.of(form, fee));

    assertThat(passages).extracting(Passage::text)
        .containsExactly("The refund form is online. Refunds go to the original card.", OTHER);
    assertThat(passages.stream().mapToInt(p -> WORDS.count(p.text())).sum()).isLessThanOrEqualTo(20);
    assertExact(passages);
  }

  @Test
  void narrowsAParentTooLargeToWholeSentencesAroundTheChunk() {
    Hit form = hit("refunds", REFUNDS, "The refund form is online.", 0.9, 0, SECTION_END);

    // 5 words of chunk, then the sentence after it (6) fits 11, the one before it would not
    assertThat(assembler(true, 1000, 11).assemble(List.of(form))).singleElement().satisfies(p -> {
      assertThat(p.text()).isEqualTo("The refund form is online. Refunds go to the original card.");
      assertThat(p.text()).isEqualTo(REFUNDS.substring(p.startOffset(), p.endOffset()));
    });
    assertThat(assembler(true, 1000, 16).assemble(List.of(form))).singleElement()
        .extracting(Passage::text).isEqualTo("The refund form is online. Refunds go to the original card.");
  }

  @Test
  void cutsAChunkTooLargeForWhatIsLeftAtASentenceEnd() {
    Hit section = hit("refunds", REFUNDS, 0, SECTION_END, 0.9, null);

    assertThat(assembler(false, 12, 1000).assemble(List.of(section))).singleElement()
        .extracting(Passage::text).isEqualTo("Refunds are paid within 14 days. The refund form is online.");
  }

  @Test
  void ignoresAParentWhereTheChunkCannotBePlacedExactly() {
    String twice = "Press reset. Wait. Press reset.";
    Hit second = hit("twice", twice, 19, twice.length(), 0.9, twice);

    assertThat(SMALL_TO_BIG.assemble(List.of(second))).singleElement()
        .extracting(Passage::text).isEqualTo("Press reset.");
  }

  @Test
  void citesTheDocumentSpanOfTheTextReadAndTheChunkThatHoldsIt() {
    Hit form = hit("refunds", REFUNDS, "The refund form is online.", 0.9, 0, SECTION_END);
    Hit card = hit("refunds", REFUNDS, "Refunds go to the original card.", 0.5, 0, SECTION_END);
    Passage p = SMALL_TO_BIG.assemble(List.of(form, card)).getFirst();
    String sentence = "Refunds go to the original card.";

    Citation c = p.cite(2, p.text().indexOf(sentence), p.text().indexOf(sentence) + sentence.length());

    assertThat(c.snippet()).isEqualTo(sentence).isEqualTo(REFUNDS.substring(c.snippetStart(), c.snippetEnd()));
    assertThat(c.chunkId()).isEqualTo(card.chunk().id());
    assertThat(c.score()).isEqualTo(0.5);
    Citation outside = p.cite(1, 0, 7);
    assertThat(outside.snippet()).isEqualTo("Refunds");
    assertThat(outside.chunkId()).as("parent text outside every chunk is cited by the best hit").isEqualTo(form.chunk().id());
  }

  /** Random chunks and budgets: the passages are always exact slices, disjoint, in budget, and cover each hit once. */
  @Test
  void randomHitsAlwaysGiveExactDisjointPassagesWithinTheBudget() {
    TestSeed seed = TestSeed.of("randomHitsAlwaysGiveExactDisjointPassagesWithinTheBudget");
    Random random = seed.random();
    for (int round = 0; round < 500; round++) {
      List<Hit> hits = new ArrayList<>();
      int n = 1 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        String doc = random.nextBoolean() ? "refunds" : "other";
        String text = textOf(doc);
        int start = random.nextInt(text.length() - 1);
        int end = start + 1 + random.nextInt(Math.min(40, text.length() - start));
        int parentStart = random.nextInt(start + 1);
        int parentEnd = end + random.nextInt(text.length() - end + 1);
        hits.add(hit(doc, text, start, end, 1.0 - i * 0.1, random.nextBoolean() ? text.substring(parentStart, parentEnd) : null));
      }
      int budget = 1 + random.nextInt(40);
      List<Passage> passages = assembler(random.nextBoolean(), budget, 1 + random.nextInt(30)).assemble(hits);

      String context = seed + ", round " + round;
      for (Passage p : passages) {
        assertThat(p.text()).as(context).isEqualTo(textOf(p.documentId()).substring(p.startOffset(), p.endOffset()));
      }
      assertThat(passages.stream().mapToInt(p -> WORDS.count(p.text())).sum()).as(context).isLessThanOrEqualTo(budget);
      List<Hit> covered = passages.stream().flatMap(p -> p.hits().stream()).toList();
      assertThat(covered).as(context).doesNotHaveDuplicates().isSubsetOf(hits);
      for (Passage a : passages) {
        for (Passage b : passages) {
          if (a != b && a.documentId().equals(b.documentId())) {
            assertThat(a.endOffset() < b.startOffset() || b.endOffset() < a.startOffset()).as(context).isTrue();
          }
        }
      }
    }
  }
}
