package dev.ragkb.retrieval.query;

import dev.ragkb.core.FollowUpCondenser;
import dev.ragkb.core.Hit;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The query side before generation: route small talk away from search, condense a follow-up into a
 * standalone query using its conversation, then retrieve within the caller's filter.
 */
public final class QueryPipeline {

  /**
   * @param conversation the conversation's key (caller and client id), or null for a one-off question
   * @param ranking how its sources are ranked
   */
  public record Question(String kbId, String text, @Nullable String conversation, SearchFilter filter,
      Ranking ranking) {
    public Question {
      Objects.requireNonNull(kbId, "kbId");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(ranking, "ranking");
    }
  }

  /** What the generator gets: the intent, the query retrieval ran with, and its sources (none for small talk). */
  public record Prepared(Intent intent, String query, List<Hit> sources) {
    public Prepared {
      sources = List.copyOf(sources);
    }
  }

  private final IntentRouter router;
  private final FollowUpCondenser condenser;
  private final ConversationHistory history;
  private final Retriever retriever;
  private final int maxSources;

  public QueryPipeline(IntentRouter router, FollowUpCondenser condenser, ConversationHistory history, Retriever retriever,
      int maxSources) {
    this.router = router;
    this.condenser = condenser;
    this.history = history;
    this.retriever = retriever;
    this.maxSources = maxSources;
  }

  public Prepared prepare(Question question) {
    if (router.classify(question.text()) == Intent.SMALL_TALK) {
      return new Prepared(Intent.SMALL_TALK, question.text(), List.of());
    }
    String query = question.text();
    if (question.conversation() != null) {
      query = condenser.condense(question.text(), history.previous(question.conversation()));
      history.add(question.conversation(), query);
    }
    List<Hit> sources = retriever.retrieve(
        new HybridRetriever.Request(question.kbId(), query, maxSources, question.filter(), question.ranking()));
    return new Prepared(Intent.QUESTION, query, sources);
  }
}
