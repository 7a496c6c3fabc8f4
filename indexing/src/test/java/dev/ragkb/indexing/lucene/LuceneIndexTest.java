package dev.ragkb.indexing.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest {

  private static final SearchFilter ALL = SearchFilter.of(new Principal.Admin());
  private final HashingEmbeddingModel embedder = new HashingEmbeddingModel(64);

  @TempDir Path dir;
  private LuceneIndex index;

  @BeforeEach
  void open() {
    index = new LuceneIndex(dir, kb -> "en");
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private EmbeddedChunk embedded(Chunk c) {
    return new EmbeddedChunk(c, embedder.embedPassages(List.of(c.text())).getFirst());
  }

  private void put(String doc, Acl acl, String... texts) {
    List<EmbeddedChunk> chunks = new java.util.ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(embedded(Fixtures.chunk("kb", doc, i, texts[i], acl)));
    }
    index.replaceDocument("kb", doc, chunks);
  }

  private List<String> textIds(String q, SearchFilter f) {
    return index.searchText(new TextQuery("kb", q, 10, f)).stream().map(h -> h.chunk().id()).toList();
  }

  private List<String> vectorIds(String q, SearchFilter f) {
    float[] v = embedder.embedQuery(q);
    return index.searchVectors(new VectorQuery("kb", v, 10, f)).stream().map(h -> h.chunk().id()).toList();
  }

  @Test
  void findsChunksByStemmedWordsAndByVector() {
    put("router", Acl.PUBLIC, "Hold the reset button for seventeen seconds.", "The router broadcasts on two bands.");
    put("billing", Acl.PUBLIC, "Invoices are issued monthly.");

    assertThat(textIds("resetting buttons", ALL)).containsExactly("router#0");
    assertThat(vectorIds("invoices are issued monthly", ALL).getFirst()).isEqualTo("billing#0");
  }

  @Test
  void roundTripsEveryChunkField() {
    Chunk c =
        new Chunk("c1", "d1", "kb", 3, "Some text here.", "A title", "dir/a.pdf", List.of("Intro", "Scope"), 7, 10, 25,
            new Acl(Set.of("alice"), Set.of("sales")), Set.of("policy"), "Before. Some text here. After.");
    index.replaceDocument("kb", "d1", List.of(embedded(c)));
    Hit hit = index.searchText(new TextQuery("kb", "text", 1, ALL)).getFirst();
    assertThat(hit.chunk()).isEqualTo(c);
    assertThat(hit.score()).isPositive();
  }

  @Test
  void replacingADocumentRemovesItsOldChunks() {
    put("d", Acl.PUBLIC, "alpha version one", "alpha second chunk");
    put("d", Acl.PUBLIC, "beta version two");

    assertThat(textIds("alpha", ALL)).isEmpty();
    assertThat(textIds("beta", ALL)).containsExactly("d#0");
    assertThat(index.chunkCount("kb")).isEqualTo(1);
  }

  @Test
  void deletingADocumentLeavesNothingOfIt() {
    put("d", Acl.PUBLIC, "gamma text");
    index.deleteDocument("kb", "d");
    assertThat(textIds("gamma", ALL)).isEmpty();
    assertThat(vectorIds("gamma text", ALL)).isEmpty();
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
    assertThat(vectorIds("salary", alice)).containsExactlyInAnyOrder("public#0", "alice#0");
    assertThat(textIds("salary", ALL)).hasSize(3);
  }

  @Test
  void restrictsToDocumentIds() {
    put("a", Acl.PUBLIC, "shared words");
    put("b", Acl.PUBLIC, "shared words");
    var onlyB = new SearchFilter(new Principal.Admin(), Set.of("b"), Set.of());
    assertThat(textIds("shared", onlyB)).containsExactly("b#0");
    assertThat(vectorIds("shared words", onlyB)).containsExactly("b#0");
  }

  @Test
  void keepsItsChunksAcrossAReopen() throws Exception {
    put("d", Acl.PUBLIC, "persistent words");
    index.close();
    index = new LuceneIndex(dir, kb -> "en");
    assertThat(textIds("persistent", ALL)).containsExactly("d#0");
  }

  @Test
  void returnsNothingForAQueryOfStopWordsOnly() {
    put("d", Acl.PUBLIC, "the and of");
    assertThat(textIds("the of", ALL)).isEmpty();
  }
}
