package dev.ragkb.indexing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.core.VectorQuery;
import dev.ragkb.core.SearchFilter.DateRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every index backend must do, whatever stores it: replace and delete by document, BM25 with
 * the knowledge base's language (English stemming, Chinese words), kNN, and the ACL, document, tag
 * and date filters applied inside both queries. A backend's test extends it and supplies the writer and the two
 * searches, which may be different stores (text in Lucene or Elasticsearch, vectors in Milvus); each
 * test writes to its own knowledge base, so one index (or one server) may serve a whole class.
 * Adapters learn a knowledge base's language from {@link #language}.
 */
public abstract class ChunkIndexContract {

  private static final SearchFilter ALL = SearchFilter.of(new Principal.Admin());
  private static final String CHINESE_KB_PREFIX = "zh-";
  private final HashingEmbeddingModel embedder = new HashingEmbeddingModel(64);
  /** This test's knowledge base. */
  protected String kb = "kb";

  protected abstract ChunkIndex writer();

  protected abstract TextIndex text();

  protected abstract VectorIndex vectors();

  /** A test whose name mentions Chinese writes to a Chinese knowledge base. */
  @BeforeEach
  void nameTheKnowledgeBase(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    kb = (name.contains("Chinese") ? CHINESE_KB_PREFIX : "kb-") + name.toLowerCase(Locale.ROOT);
  }

  /** The language of a test's knowledge base, for the adapter's analyzer. */
  protected static String language(String kbId) {
    return kbId.startsWith(CHINESE_KB_PREFIX) ? "zh" : "en";
  }

  private EmbeddedChunk embedded(Chunk c) {
    return new EmbeddedChunk(c, embedder.embedPassages(List.of(c.text())).getFirst());
  }

  protected void put(String doc, Acl acl, Set<String> tags, String... texts) {
    List<EmbeddedChunk> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      Chunk c = Fixtures.chunk(kb, doc, i, texts[i], acl);
      chunks.add(embedded(new Chunk(c.id(), c.documentId(), c.kbId(), c.ordinal(), c.text(), c.title(), c.source(),
          c.headingPath(), c.page(), c.startOffset(), c.endOffset(), c.acl(), tags)));
    }
    writer().replaceDocument(kb, doc, chunks);
  }

  protected void put(String doc, Acl acl, String... texts) {
    put(doc, acl, Set.of(), texts);
  }

  /** A public document of one chunk, of the given date. */
  protected void putDated(String doc, Instant date, String text) {
    writer().replaceDocument(kb, doc, List.of(embedded(Fixtures.chunk(kb, doc, 0, text).withDate(date))));
  }

  protected List<String> textIds(String q, SearchFilter f, int topK) {
    return text().searchText(new TextQuery(kb, q, topK, f)).stream().map(h -> h.chunk().id()).toList();
  }

  protected List<String> textIds(String q, SearchFilter f) {
    return textIds(q, f, 10);
  }

  protected List<String> vectorIds(String q, SearchFilter f, int topK) {
    float[] v = embedder.embedQuery(q);
    return vectors().searchVectors(new VectorQuery(kb, v, topK, f)).stream().map(h -> h.chunk().id()).toList();
  }

  protected List<String> vectorIds(String q, SearchFilter f) {
    return vectorIds(q, f, 10);
  }

  protected static SearchFilter all() {
    return ALL;
  }

  @Test
  protected void findsChunksByStemmedWords() {
    put("router", Acl.PUBLIC, "Hold the reset button for seventeen seconds.", "The router broadcasts on two bands.");
    put("billing", Acl.PUBLIC, "Invoices are issued monthly.");

    assertThat(textIds("resetting buttons", ALL)).containsExactly("router#0");
  }

  @Test
  void findsChunksByWordsAndByVector() {
    put("router", Acl.PUBLIC, "Hold the reset button for seventeen seconds.", "The router broadcasts on two bands.");
    put("billing", Acl.PUBLIC, "Invoices are issued monthly.");

    assertThat(textIds("reset button", ALL)).containsExactly("router#0");
    assertThat(textIds("broadcasts", ALL)).containsExactly("router#1");
    assertThat(vectorIds("invoices are issued monthly", ALL).getFirst()).isEqualTo("billing#0");
  }

  @Test
  void roundTripsEveryChunkField() {
    Chunk c = new Chunk("c1", "d1", kb, 3, "Some text here.", "A title", "dir/a.pdf", List.of("Intro", "Scope"), 7, 10,
        25, new Acl(Set.of("alice"), Set.of("sales")), Set.of("policy"), null, Instant.parse("2024-03-01T10:15:30.123Z"));
    writer().replaceDocument(kb, "d1", List.of(embedded(c)));

    Hit text = text().searchText(new TextQuery(kb, "text", 1, ALL)).getFirst();
    Hit vector = vectors().searchVectors(new VectorQuery(kb, embedder.embedQuery("Some text here."), 1, ALL)).getFirst();
    assertThat(text.chunk()).isEqualTo(c);
    assertThat(text.score()).isPositive();
    assertThat(vector.chunk()).isEqualTo(c);
  }

  /** Small-to-big: a hit carries its chunk's parent passage for the generator, but only the chunk is matched. */
  @Test
  void returnsTheParentPassageWithBothSearchesWithoutMatchingIt() {
    String parent = "Unplug the router first. Hold the reset button for seventeen seconds. Wait until the lights blink.";
    Chunk c = Fixtures.chunk(kb, "router", 0, "Hold the reset button for seventeen seconds.");
    Chunk child = new Chunk(c.id(), c.documentId(), c.kbId(), c.ordinal(), c.text(), c.title(), c.source(),
        c.headingPath(), c.page(), 25, 25 + c.text().length(), c.acl(), c.tags(), parent);
    Chunk orphan = Fixtures.chunk(kb, "billing", 0, "Invoices are issued monthly.");
    writer().replaceDocument(kb, "router", List.of(embedded(child)));
    writer().replaceDocument(kb, "billing", List.of(embedded(orphan)));

    // whole chunks: the parent, or null for the chunk without one, and not another chunk's
    assertThat(textHit("reset button").chunk()).isEqualTo(child);
    assertThat(vectorHit(child.text()).chunk()).isEqualTo(child);
    assertThat(textHit("invoices").chunk()).isEqualTo(orphan);
    assertThat(vectorHit(orphan.text()).chunk()).isEqualTo(orphan);
    // words only in the parent
    assertThat(textIds("unplug lights blink", ALL)).isEmpty();
  }

  private Hit textHit(String q) {
    return text().searchText(new TextQuery(kb, q, 1, ALL)).getFirst();
  }

  private Hit vectorHit(String q) {
    return vectors().searchVectors(new VectorQuery(kb, embedder.embedQuery(q), 1, ALL)).getFirst();
  }

  @Test
  void replacingADocumentRemovesItsOldChunks() {
    put("d", Acl.PUBLIC, "alpha version one", "alpha second chunk", "alpha third chunk");
    put("d", Acl.PUBLIC, "beta version two");

    assertThat(textIds("alpha", ALL)).isEmpty();
    assertThat(textIds("beta", ALL)).containsExactly("d#0");
    assertThat(vectorIds("alpha second chunk", ALL)).containsExactly("d#0");
  }

  @Test
  void reingestingTheSameContentKeepsOneCopyOfEachChunk() {
    put("d", Acl.PUBLIC, "zeta first passage", "zeta second passage");
    put("d", Acl.PUBLIC, "zeta first passage", "zeta second passage");

    assertThat(textIds("zeta", ALL)).containsExactlyInAnyOrder("d#0", "d#1");
    assertThat(vectorIds("zeta first passage", ALL)).containsExactlyInAnyOrder("d#0", "d#1");
  }

  @Test
  void replacingADocumentLeavesOtherDocumentsAlone() {
    put("a", Acl.PUBLIC, "delta one");
    put("b", Acl.PUBLIC, "delta two");
    put("a", Acl.PUBLIC, "epsilon one");

    assertThat(textIds("delta", ALL)).containsExactly("b#0");
    assertThat(textIds("epsilon", ALL)).containsExactly("a#0");
  }

  @Test
  void deletingADocumentLeavesNothingOfIt() {
    put("d", Acl.PUBLIC, "gamma text");
    put("other", Acl.PUBLIC, "gamma other");
    writer().deleteDocument(kb, "d");
    writer().deleteDocument(kb, "never-indexed");

    assertThat(textIds("gamma", ALL)).containsExactly("other#0");
    assertThat(vectorIds("gamma text", ALL)).containsExactly("other#0");
  }

  @Test
  void dropsChunksTheCallerMayNotReadInsideBothQueries() {
    put("public", Acl.PUBLIC, "salary bands overview");
    put("hr", new Acl(Set.of(), Set.of("hr")), "salary bands for managers");
    put("alice", new Acl(Set.of("alice"), Set.of()), "salary review of alice");
    var bob = SearchFilter.of(new Principal.User("bob", Set.of("sales")));
    var carol = SearchFilter.of(new Principal.User("carol", Set.of("hr")));
    var alice = SearchFilter.of(new Principal.User("alice", Set.of()));

    assertThat(textIds("salary", bob)).containsExactly("public#0");
    assertThat(vectorIds("salary", bob)).containsExactly("public#0");
    assertThat(textIds("salary", carol)).containsExactlyInAnyOrder("public#0", "hr#0");
    assertThat(vectorIds("salary", carol)).containsExactlyInAnyOrder("public#0", "hr#0");
    assertThat(textIds("salary", alice)).containsExactlyInAnyOrder("public#0", "alice#0");
    assertThat(vectorIds("salary", alice)).containsExactlyInAnyOrder("public#0", "alice#0");
    assertThat(textIds("salary", ALL)).hasSize(3);
    assertThat(vectorIds("salary", ALL)).hasSize(3);
  }

  @Test
  void filtersBeforeTakingTheTopK() {
    for (int i = 0; i < 20; i++) {
      put("secret" + i, new Acl(Set.of("boss"), Set.of()), "quarterly revenue figures " + i);
    }
    put("open1", Acl.PUBLIC, Set.of("notes"), "revenue notes");
    put("open2", Acl.PUBLIC, Set.of("notes"), "revenue remarks");
    var bob = SearchFilter.of(new Principal.User("bob", Set.of()));
    var notes = new SearchFilter(new Principal.Admin(), Set.of(), Set.of("notes"));

    // the 20 filtered-out chunks are closer to the query; a post-filter would leave nothing
    assertThat(vectorIds("quarterly revenue figures", bob, 2)).containsExactlyInAnyOrder("open1#0", "open2#0");
    assertThat(vectorIds("quarterly revenue figures", notes, 2)).containsExactlyInAnyOrder("open1#0", "open2#0");
    assertThat(text().searchText(new TextQuery(kb, "revenue", 2, bob))).hasSize(2);
    assertThat(text().searchText(new TextQuery(kb, "quarterly revenue", 2, notes))).hasSize(2);
  }

  @Test
  void filtersByDateInsideBothQueriesBeforeTakingTheTopK() {
    Instant from = Instant.parse("2024-01-01T00:00:00Z");
    Instant to = Instant.parse("2024-02-01T00:00:00Z");
    long day = 86_400_000L;
    for (int i = 0; i < 10; i++) {
      putDated("before" + i, from.minusMillis(1 + i * day), "quarterly revenue figures " + i);
      // the first of them is dated exactly at the end of the range, which is exclusive
      putDated("after" + i, to.plusMillis(i * day), "quarterly revenue figures " + i);
    }
    putDated("first", from, "revenue notes");
    putDated("last", to.minusMillis(1), "revenue remarks");
    put("undated", Acl.PUBLIC, "quarterly revenue figures");
    var january = dated(new DateRange(from, to));

    // the 21 chunks outside the range match better; a post-filter would leave nothing
    assertThat(vectorIds("quarterly revenue figures", january, 2)).containsExactlyInAnyOrder("first#0", "last#0");
    assertThat(textIds("quarterly revenue figures", january, 2)).containsExactlyInAnyOrder("first#0", "last#0");
  }

  @Test
  void opensEitherEndOfADateRangeAndExcludesUndatedChunks() {
    Instant newYear = Instant.parse("2024-01-01T00:00:00Z");
    putDated("old", Instant.parse("2023-06-01T00:00:00Z"), "leave rules");
    putDated("new", Instant.parse("2024-06-01T00:00:00Z"), "leave rules");
    put("undated", Acl.PUBLIC, "leave rules");
    var since = dated(new DateRange(newYear, null));
    var until = dated(new DateRange(null, newYear));

    assertThat(textIds("leave", since)).containsExactly("new#0");
    assertThat(vectorIds("leave rules", since)).containsExactly("new#0");
    assertThat(textIds("leave", until)).containsExactly("old#0");
    assertThat(vectorIds("leave rules", until)).containsExactly("old#0");
    assertThat(textIds("leave", ALL)).containsExactlyInAnyOrder("old#0", "new#0", "undated#0");
    assertThat(vectorIds("leave rules", ALL)).containsExactlyInAnyOrder("old#0", "new#0", "undated#0");
  }

  private static SearchFilter dated(DateRange dates) {
    return new SearchFilter(new Principal.Admin(), Set.of(), Set.of(), dates);
  }

  @Test
  void restrictsToDocumentIds() {
    put("a", Acl.PUBLIC, "shared words");
    put("b", Acl.PUBLIC, "shared words");
    put("c", Acl.PUBLIC, "shared words");
    var onlyB = new SearchFilter(new Principal.Admin(), Set.of("b"), Set.of());
    var aOrC = new SearchFilter(new Principal.Admin(), Set.of("a", "c"), Set.of());

    assertThat(textIds("shared", onlyB)).containsExactly("b#0");
    assertThat(vectorIds("shared words", onlyB)).containsExactly("b#0");
    assertThat(textIds("shared", aOrC)).containsExactlyInAnyOrder("a#0", "c#0");
    assertThat(vectorIds("shared words", aOrC)).containsExactlyInAnyOrder("a#0", "c#0");
  }

  @Test
  void restrictsToDocumentsCarryingAnyOfTheTags() {
    put("policy", Acl.PUBLIC, Set.of("hr", "policy"), "leave rules");
    put("faq", Acl.PUBLIC, Set.of("faq"), "leave questions");
    put("untagged", Acl.PUBLIC, "leave notes");
    var policies = new SearchFilter(new Principal.Admin(), Set.of(), Set.of("policy", "nothing"));
    var tagged = new SearchFilter(new Principal.Admin(), Set.of(), Set.of("hr", "faq"));

    assertThat(textIds("leave", policies)).containsExactly("policy#0");
    assertThat(vectorIds("leave rules", policies)).containsExactly("policy#0");
    assertThat(textIds("leave", tagged)).containsExactlyInAnyOrder("policy#0", "faq#0");
    assertThat(vectorIds("leave", tagged)).containsExactlyInAnyOrder("policy#0", "faq#0");
  }

  @Test
  void combinesTheAclWithDocumentAndTagFilters() {
    put("a", new Acl(Set.of(), Set.of("hr")), Set.of("policy"), "travel rules");
    put("b", Acl.PUBLIC, Set.of("policy"), "travel rules");
    put("c", Acl.PUBLIC, Set.of("faq"), "travel rules");
    var filter = new SearchFilter(new Principal.User("bob", Set.of("sales")), Set.of("a", "b", "c"), Set.of("policy"));

    assertThat(textIds("travel", filter)).containsExactly("b#0");
    assertThat(vectorIds("travel rules", filter)).containsExactly("b#0");
  }

  /** Fails where Chinese text is cut only at punctuation, as a letter tokenizer would. */
  @Test
  void findsChineseWordsInAChineseKnowledgeBase() {
    put("router", Acl.PUBLIC, "路由器的重置按钮在背面。");
    put("billing", Acl.PUBLIC, "发票每月开具一次。");

    assertThat(textIds("重置按钮", ALL)).containsExactly("router#0");
    assertThat(textIds("发票", ALL)).containsExactly("billing#0");
  }

  /** Fails where Chinese text is cut into single characters: "重置" (reset) is not 重 and 置 apart. */
  @Test
  protected void matchesChineseWordsNotTheirCharactersApart() {
    put("router", Acl.PUBLIC, "路由器的重置按钮在背面。");
    put("filing", Acl.PUBLIC, "请把文件放置在重要的位置。");

    assertThat(textIds("重置", ALL)).containsExactly("router#0");
  }

  @Test
  void returnsNothingForAQueryOfStopWordsOnly() {
    put("d", Acl.PUBLIC, "the and of");
    assertThat(textIds("the of", ALL)).isEmpty();
  }

  @Test
  void returnsNothingForAKnowledgeBaseWithoutChunks() {
    assertThat(textIds("anything", ALL)).isEmpty();
    assertThat(vectorIds("anything", ALL)).isEmpty();
  }
}
