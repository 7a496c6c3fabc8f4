package dev.ragkb.retrieval.query;

import dev.ragkb.core.FollowUpCondenser;
import dev.ragkb.core.Hit;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The query side before generation: route small talk away from search, condense a follow-up into a
 * standalone query using its conversation, then retrieve within the caller's filter.
 */
public final class QueryPipeline {

  /**
   * @param conversation the key (caller and client id) of a conversation whose turns this pipeline
   *     keeps, or null
   * @param earlierQuestions the conversation's earlier questions, oldest first, as a client that
   *     sends the whole conversation each time (OpenAI's chat API) gives them; empty for none
   * @param ranking how its sources are ranked
   */
  public record Question(String kbId, String text, @Nullable String conversation, List<String> earlierQuestions,
      SearchFilter filter, Ranking ranking) {
    public Question {
      Objects.requireNonNull(kbId, "kbId");
      Objects.requireNonNull(text, "text");
      earlierQuestions = List.copyOf(earlierQuestions);
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(ranking, "ranking");
      if (conversation != null && !earlierQuestions.isEmpty()) {
        throw new IllegalArgumentException("a conversation is either kept here or sent whole, not both");
      }
    }

    /** A one-off question, or one in a conversation whose turns this pipeline keeps. */
    public Question(String kbId, String text, @Nullable String conversation, SearchFilter filter, Ranking ranking) {
      this(kbId, text, conversation, List.of(), filter, ranking);
    }
  }

  /** What the generator gets: the intent, the query retrieval ran with, and its sources (none for small talk). */
  public record Prepared(Intent intent, String query, List<Hit> sources) {
    public Prepared {
      sources = List.copyOf(sources);
    }
  }

  private static final QueryCondenser TERMS = new QueryCondenser();

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
    } else if (!question.earlierQuestions().isEmpty()) {
      query = condenser.condense(question.text(), condensed(router, question.earlierQuestions()));
    }
    List<Hit> sources = retriever.retrieve(
        new HybridRetriever.Request(question.kbId(), query, maxSources, question.filter(), question.ranking()));
    return new Prepared(Intent.QUESTION, query, sources);
  }

  /**
   * Earlier questions much as the kept history would hold them: each condensed against the ones
   * before it, small talk left out, so a subject carries over several follow-ups either way. They
   * are condensed by carrying terms, whatever the configured condenser: with an LLM condenser, a
   * conversation of n turns would otherwise cost n LLM calls per request instead of one.
   */
  private static List<String> condensed(IntentRouter router, List<String> earlierQuestions) {
    List<String> condensed = new ArrayList<>();
    for (String earlier : earlierQuestions) {
      if (router.classify(earlier) != Intent.SMALL_TALK) {
        condensed.add(TERMS.condense(earlier, condensed));
      }
    }
    return condensed;
  }
}
