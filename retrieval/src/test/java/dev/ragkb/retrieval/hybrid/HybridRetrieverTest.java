package dev.ragkb.retrieval.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.indexing.lucene.LuceneIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridRetrieverTest {

  private static final Ranking RRF = new Ranking(FusionMethod.RRF, 0.5, 60, 1);

  @TempDir Path dir;

  @Test
  void fusesBm25AndVectorHitsAndHonoursTheAcl() throws Exception {
    HashingEmbeddingModel embedder = new HashingEmbeddingModel(64);
    try (LuceneIndex index = new LuceneIndex(dir, kb -> "en")) {
      String[][] docs = {
        {"router", "Hold the reset button for seventeen seconds to restore factory settings."},
        {"billing", "Invoices are issued on the first business day of each month."},
        {"secret", "The reset code for the vault is kept by the security team."},
      };
      for (String[] d : docs) {
        Acl acl = d[0].equals("secret") ? new Acl(Set.of(), Set.of("security")) : Acl.PUBLIC;
        var chunk = Fixtures.chunk("kb", d[0], 0, d[1], acl);
        index.replaceDocument("kb", d[0], List.of(new EmbeddedChunk(chunk, embedder.embedPassages(List.of(d[1])).getFirst())));
      }
      var retriever = new HybridRetriever(index, index, kbId -> embedder, new HybridRetriever.Settings(20));

      var user = SearchFilter.of(new Principal.User("bob", Set.of("sales")));
      List<Hit> hits = retriever.retrieve(new HybridRetriever.Request("kb", "how long to hold the reset button", 5, user, RRF));

      assertThat(hits).isNotEmpty();
      assertThat(hits.getFirst().chunk().documentId()).isEqualTo("router");
      assertThat(hits).noneMatch(h -> h.chunk().documentId().equals("secret"));
      var admin = SearchFilter.of(new Principal.Admin());
      assertThat(retriever.retrieve(new HybridRetriever.Request("kb", "reset", 5, admin, RRF)))
          .anyMatch(h -> h.chunk().documentId().equals("secret"));
    }
  }

  /**
   * The one-snapshot path (fusing Lucene's document numbers, reading only the winners) must return
   * exactly what fusing two fully read hit lists returns: same chunks, order and scores, diversified
   * or not.
   */
  @Test
  void fusingBeforeReadingChunksGivesTheSameRankingAsFusingReadHits() throws Exception {
    HashingEmbeddingModel embedder = new HashingEmbeddingModel(64);
    String[] words = "reset router billing invoice vault code security month button factory settings team day issued kept".split(" ");
    Random random = new Random(7);
    try (LuceneIndex index = new LuceneIndex(dir, kb -> "en")) {
      for (int d = 0; d < 60; d++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          text.append(words[random.nextInt(words.length)]).append(' ');
        }
        Acl acl = d % 3 == 0 ? new Acl(Set.of(), Set.of("g" + d % 2)) : Acl.PUBLIC;
        var chunk = Fixtures.chunk("kb", "doc" + d, 0, text.toString().strip(), acl);
        index.replaceDocument("kb", "doc" + d, List.of(new EmbeddedChunk(chunk, embedder.embedPassages(List.of(chunk.text())).getFirst())));
      }
      List<SearchFilter> filters = List.of(SearchFilter.of(new Principal.Admin()),
          SearchFilter.of(new Principal.User("u", Set.of("g1"))), SearchFilter.of(new Principal.User("v", Set.of())));
      var oneSnapshot = new HybridRetriever(index, index, kbId -> embedder, new HybridRetriever.Settings(20));
      var separate = new HybridRetriever(index::searchText, index::searchVectors, kbId -> embedder,
          new HybridRetriever.Settings(20));
      var linear = new Ranking(FusionMethod.LINEAR_MIN_MAX, 0.6, 60, 1);
      var diversified = new Ranking(FusionMethod.LINEAR_MIN_MAX, 0.6, 60, 0.5);
      for (Ranking ranking : List.of(RRF, linear, diversified)) {
        for (SearchFilter filter : filters) {
          for (String query : List.of("reset the router", "vault security code", "invoice month", "unrelated")) {
            var request = new HybridRetriever.Request("kb", query, 7, filter, ranking);
            assertThat(oneSnapshot.retrieve(request)).isEqualTo(separate.retrieve(request));
          }
        }
      }
    }
  }
}
