package dev.ragkb.generation.openai;

import dev.ragkb.core.Answer;
import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Generator;
import dev.ragkb.core.Hit;
import dev.ragkb.generation.citation.CitationMarkers;
import dev.ragkb.generation.citation.CitationValidator;
import dev.ragkb.generation.context.Passage;
import dev.ragkb.generation.prompt.PromptBuilder;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with an LLM behind an OpenAI-compatible chat-completions endpoint. The text streams
 * through {@link CitationMarkers} on its way to the caller, so markers that name no source never
 * reach it, even when a marker arrives split over several tokens; the finished text then goes
 * through {@link CitationValidator}. An answer that cites nothing abstains: the streamed text is
 * retracted and replaced by {@link Answer#NOT_FOUND}. Thread-safe.
 */
public final class OpenAiCompatibleGenerator implements Generator {

  private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleGenerator.class);

  /**
   * @param model the model name the server knows
   * @param temperature sampling temperature; low, since answers should restate the sources
   * @param topP nucleus sampling mass
   * @param maxTokens most tokens of answer
   * @param includeUsage ask the server for the usage chunk (token counts for the metrics)
   */
  public record Settings(String model, double temperature, double topP, int maxTokens, boolean includeUsage) {
    public Settings {
      Objects.requireNonNull(model, "model");
      if (maxTokens < 1 || temperature < 0 || topP <= 0 || topP > 1) {
        throw new IllegalArgumentException("need maxTokens >= 1, temperature >= 0, 0 < topP <= 1");
      }
    }
  }

  private final OpenAiChatClient client;
  private final PromptBuilder prompts;
  private final CitationValidator validator;
  private final Settings settings;

  public OpenAiCompatibleGenerator(OpenAiChatClient client, PromptBuilder prompts, CitationValidator validator,
      Settings settings) {
    this.client = client;
    this.prompts = prompts;
    this.validator = validator;
    this.settings = settings;
  }

  @Override
  public Answer generate(String question, List<Hit> sources, AnswerStream stream) {
    PromptBuilder.Prompt prompt = prompts.build(question, sources);
    if (prompt.sources().isEmpty()) {
      stream.append(Answer.NOT_FOUND);
      return Answer.abstain();
    }
    var markers = new CitationMarkers(prompt.sources().size());
    var text = new StringBuilder();
    var request = new OpenAiChatClient.Request(settings.model(), prompt.messages(), settings.temperature(),
        settings.topP(), settings.maxTokens(), settings.includeUsage());
    OpenAiChatClient.Completion completion = client.stream(request, piece -> pass(markers.accept(piece), text, stream));
    pass(markers.finish(), text, stream);
    log.debug("generated {} tokens, finish reason {}, {} of {} sources cited", completion.completionTokens(),
        completion.finishReason(), markers.citedSources().size(), prompt.sources().size());
    List<Passage> cited = markers.citedSources().stream().map(n -> prompt.sources().get(n - 1)).toList();
    Answer answer = validator.validate(text.toString(), cited);
    if (answer.abstained() && !answer.answer().contentEquals(text)) {
      stream.retract();
      stream.append(answer.answer());
    }
    return answer;
  }

  private static void pass(String piece, StringBuilder text, AnswerStream stream) {
    if (!piece.isEmpty()) {
      text.append(piece);
      stream.append(piece);
    }
  }
}
