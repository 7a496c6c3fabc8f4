package dev.ragkb.retrieval.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.Answer;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.Principal;
import dev.ragkb.core.RagkbException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import dev.ragkb.retrieval.query.ConversationHistory;
import dev.ragkb.retrieval.query.Intent;
import dev.ragkb.retrieval.query.IntentRouter;
import dev.ragkb.retrieval.query.QueryCondenser;
import dev.ragkb.retrieval.query.QueryPipeline;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AskUseCaseTest {

  private static final Ranking RANKING = new Ranking(FusionMethod.RRF, 0.3, 60, 1.0);
  private static final SearchFilter ADMIN = SearchFilter.of(new Principal.Admin());

  private final EmbeddingModel english = new HashingEmbeddingModel(16);
  private final EmbeddingModel chinese = new HashingEmbeddingModel(32);
  private final Map<String, EmbeddingModel> modelByKb = Map.of("en-kb", english, "zh-kb", chinese);
  private final List<Hit> sources = List.of(Fixtures.hit("manual", 0, "Hold the reset button for 17 seconds.", 1));
  private final List<EmbeddingModel> generatedWith = new ArrayList<>();
  private final List<String> events = new ArrayList<>();

  private AskUseCase asking(Retriever retriever) {
    var queries = new QueryPipeline(new IntentRouter(), new QueryCondenser(), new ConversationHistory(10, 5), retriever, 5);
    return new AskUseCase(queries, kbId -> {
      EmbeddingModel model = modelByKb.get(kbId);
      if (model == null) {
        throw new NotFoundException("no knowledge base with id " + kbId);
      }
      return model;
    }, model -> (question, hits, stream) -> {
      generatedWith.add(model);
      stream.append("Hold it for 17 seconds [1].");
      return new Answer("Hold it for 17 seconds [1].", List.of(), false);
    });
  }

  private AskUseCase asking() {
    return asking(request -> sources);
  }

  private static QueryPipeline.Question question(String kb, String text) {
    return new QueryPipeline.Question(kb, text, null, ADMIN, RANKING);
  }

  @Test
  void answersWithTheGeneratorOfTheKnowledgeBasesOwnModel() {
    var asking = asking();

    asking.ask(question("zh-kb", "How long do I hold the reset button?"));
    asking.ask(question("en-kb", "How long do I hold the reset button?"));

    assertThat(generatedWith).containsExactly(chinese, english);
  }

  @Test
  void greetsSmallTalkWithoutRetrievingOrGenerating() {
    List<Object> retrieved = new ArrayList<>();
    var reply = asking(request -> {
      retrieved.add(request);
      return sources;
    }).ask(question("en-kb", "Hello!"));

    assertThat(reply.intent()).isEqualTo(Intent.SMALL_TALK);
    assertThat(reply.answer().answer()).isEqualTo(AskUseCase.SMALL_TALK_REPLY);
    assertThat(reply.answer().citations()).isEmpty();
    assertThat(retrieved).isEmpty();
    assertThat(generatedWith).isEmpty();
  }

  @Test
  void streamsTheTextThenTheReply() throws Exception {
    asking().stream(question("en-kb", "How long do I hold the reset button?"), () -> new Recorder(events));

    assertThat(events).containsExactly("token:Hold it for 17 seconds [1].", "done:question");
  }

  @Test
  void streamsSmallTalkAsOneTokenThenTheReply() throws Exception {
    asking().stream(question("en-kb", "Thanks!"), () -> new Recorder(events));

    assertThat(events).containsExactly("token:" + AskUseCase.SMALL_TALK_REPLY, "done:small_talk");
  }

  @Test
  void aFailedRetrievalThrowsBeforeTheStreamOpens() {
    assertThatThrownBy(() -> asking(request -> {
      throw new RetriableException("index unavailable", null);
    }).stream(question("en-kb", "How long do I hold the reset button?"), () -> new Recorder(events)))
        .isInstanceOf(RetriableException.class);
    assertThatThrownBy(() -> asking().stream(question("nope", "How long do I hold the reset button?"),
        () -> new Recorder(events))).isInstanceOf(NotFoundException.class);

    assertThat(events).isEmpty();
  }

  @Test
  void aGeneratorThatFailsMidAnswerEndsTheStreamWithAFailure() throws Exception {
    var queries = new QueryPipeline(new IntentRouter(), new QueryCondenser(), new ConversationHistory(10, 5),
        request -> sources, 5);
    var asking = new AskUseCase(queries, kbId -> english, model -> (question, hits, stream) -> {
      stream.append("Hold");
      throw new RetriableException("the LLM broke off", null);
    });

    asking.stream(question("en-kb", "How long do I hold the reset button?"), () -> new Recorder(events));

    assertThat(events).containsExactly("token:Hold", "failed:unavailable");
  }

  @Test
  void aClientThatLeavesEndsTheStreamQuietly() throws Exception {
    asking().stream(question("en-kb", "How long do I hold the reset button?"), () -> new Recorder(events) {
      @Override
      public void append(String text) {
        throw new UncheckedIOException(new java.io.IOException("broken pipe"));
      }
    });

    assertThat(events).isEmpty();
  }

  /** Writes each event down as {@code kind:detail}. */
  private static class Recorder implements AnswerEvents {
    private final List<String> events;

    Recorder(List<String> events) {
      this.events = events;
    }

    @Override
    public void append(String text) {
      events.add("token:" + text);
    }

    @Override
    public void retract() {
      events.add("reset");
    }

    @Override
    public void done(Reply reply) {
      events.add("done:" + reply.intent().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void failed(RagkbException error) {
      events.add("failed:" + error.code());
    }
  }
}
