package dev.ragkb.retrieval.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Fixtures;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryPipelineTest {

  @Test
  void retrievesWithTheQuestionsRanking() {
    List<HybridRetriever.Request> seen = new ArrayList<>();
    var pipeline = new QueryPipeline(new IntentRouter(), new QueryCondenser(), new ConversationHistory(10, 5), request -> {
      seen.add(request);
      return List.of(Fixtures.hit("doc", 0, "text", 1));
    }, 5);
    var ranking = new Ranking(FusionMethod.RRF, 0.3, 20, 0.7);

    var prepared = pipeline.prepare(new QueryPipeline.Question("kb", "How do I reset the router?", null,
        SearchFilter.of(new Principal.Admin()), ranking));

    assertThat(prepared.sources()).hasSize(1);
    assertThat(seen).singleElement().satisfies(r -> {
      assertThat(r.ranking()).isEqualTo(ranking);
      assertThat(r.topK()).isEqualTo(5);
    });
  }

  @Test
  void aFollowUpSentWithItsConversationIsCondensedLikeOneWhoseConversationIsKept() {
    List<String> queries = new ArrayList<>();
    var pipeline = new QueryPipeline(new IntentRouter(), new QueryCondenser(), new ConversationHistory(10, 5), request -> {
      queries.add(request.query());
      return List.of();
    }, 5);
    var filter = SearchFilter.of(new Principal.Admin());
    var ranking = new Ranking(FusionMethod.RRF, 0.3, 60, 1.0);
    List<String> turns = List.of("What does the Aurora X2 warranty cover?", "Thanks!", "And the price of it?",
        "When is it due?");

    for (String turn : turns) {
      pipeline.prepare(new QueryPipeline.Question("kb", turn, "conv", filter, ranking));
    }
    String kept = queries.getLast();
    var sent = pipeline.prepare(new QueryPipeline.Question("kb", turns.getLast(), null, turns.subList(0, 3), filter,
        ranking));

    assertThat(kept).contains("aurora", "x2", "warranty");
    assertThat(sent.query()).isEqualTo(kept);
  }
}
