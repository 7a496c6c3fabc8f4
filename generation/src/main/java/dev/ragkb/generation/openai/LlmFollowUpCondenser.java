package dev.ragkb.generation.openai;

import dev.ragkb.core.FollowUpCondenser;
import dev.ragkb.core.RagkbException;
import dev.ragkb.generation.prompt.ChatMessage;
import dev.ragkb.generation.prompt.UntrustedText;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Condenses a follow-up with the LLM: it rewrites "and its warranty?" after "How do I reset the X200
 * router?" as "What is the warranty of the X200 router?", which no word-carrying rule can. When the
 * LLM is down, slow or answers nonsense, the fallback condenses instead: a follow-up is never lost.
 * The rewrite only chooses what to search; the caller's filter still bounds what is found.
 */
public final class LlmFollowUpCondenser implements FollowUpCondenser {

  private static final Logger log = LoggerFactory.getLogger(LlmFollowUpCondenser.class);

  static final String SYSTEM = """
      You rewrite the last question of a conversation so that it can be understood without the \
      conversation: replace pronouns and omissions with what they refer to. Keep its language and \
      meaning; do not answer it. Reply with the rewritten question only, on one line. If it already \
      stands on its own, repeat it unchanged.""";

  /** A standalone question is one line; more than this is not a question but an answer or a ramble. */
  private static final int MAX_QUERY_CHARS = 400;

  private final OpenAiChatClient client;
  private final String model;
  private final FollowUpCondenser fallback;

  public LlmFollowUpCondenser(OpenAiChatClient client, String model, FollowUpCondenser fallback) {
    this.client = client;
    this.model = model;
    this.fallback = fallback;
  }

  @Override
  public String condense(String followUp, List<String> previousQuestions) {
    if (previousQuestions.isEmpty()) {
      return followUp;
    }
    StringBuilder text = new StringBuilder();
    try {
      // Deterministic and short: a rewrite, not a composition.
      client.stream(new OpenAiChatClient.Request(model, prompt(followUp, previousQuestions), 0.0, 1.0, 96, false),
          text::append);
    } catch (RagkbException e) {
      log.warn("condensing the follow-up with the LLM failed, carrying terms forward instead: {}", e.getMessage());
      return fallback.condense(followUp, previousQuestions);
    }
    String query = text.toString().strip().replaceAll("^[\"'“”]+|[\"'“”]+$", "").strip();
    if (query.isEmpty() || query.length() > MAX_QUERY_CHARS || query.contains("\n")) {
      log.warn("the LLM's rewrite of a follow-up was not one question ({} chars); carrying terms forward instead",
          query.length());
      return fallback.condense(followUp, previousQuestions);
    }
    return query;
  }

  static List<ChatMessage> prompt(String followUp, List<String> previousQuestions) {
    StringBuilder user = new StringBuilder("Earlier questions:\n");
    for (String q : previousQuestions) {
      user.append("- ").append(UntrustedText.defuse(q.strip().replace('\n', ' '))).append('\n');
    }
    user.append("\nLast question: ").append(UntrustedText.defuse(followUp.strip().replace('\n', ' ')));
    return List.of(new ChatMessage(ChatMessage.Role.SYSTEM, SYSTEM), new ChatMessage(ChatMessage.Role.USER, user.toString()));
  }
}
