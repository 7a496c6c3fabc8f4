package dev.ragkb.gateway.config;

import dev.ragkb.core.Redacted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Answer generation: the extractive generator, the default when no LLM is configured and the
 * fallback when it fails, and an LLM behind an OpenAI-compatible chat-completions endpoint (vLLM,
 * SGLang, TGI, Ollama), used when {@code url} is set.
 *
 * @param maxSources top retrieved chunks a generator reads
 * @param maxSentences sentences in an extractive answer at most
 * @param minScore below this for every sentence, the extractive generator abstains
 * @param relativeCutoff further extractive sentences must score this share of the best
 * @param snippetChars the longest citation snippet of an extractive answer
 * @param url the LLM server's root, such as {@code http://vllm:8000} ({@code RAGKB_GENERATOR_URL});
 *     unset: answers are extractive
 * @param model the model name the server serves, required with {@code url}
 * @param apiKey sent as {@code Authorization: Bearer} when set
 * @param temperature sampling temperature; low, since answers should restate the sources
 * @param topP nucleus sampling mass
 * @param maxTokens the longest answer, in tokens
 * @param contextWindow the model's context length in tokens; sources that would not fit are left
 *     out (measured with the embedding model's word-piece tokenizer, an estimate of the LLM's)
 * @param includeUsage ask for the usage chunk ({@code stream_options}); turn off for servers that
 *     reject the option
 * @param connectTimeout to open a connection to the server
 * @param firstTokenTimeout from the request to the first token; beyond it the answer falls back
 * @param totalTimeout from the request to the end of the answer; beyond it the answer falls back
 * @param maxAttempts tries per answer on 429, 502-504 and refused connections
 * @param initialBackoff wait before the second try, doubling after
 * @param maxBackoff the longest wait between tries, and the cap on a server's Retry-After
 * @param minSupport the least embedding similarity between a cited sentence and its cited passage;
 *     below it the sentence is reported unsupported (0.72 is calibrated on bge-small-en-v1.5)
 * @param breaker when to stop calling a failing LLM server
 * @param context how the retrieved chunks become the sources a generator reads
 */
@Validated
@ConfigurationProperties("ragkb.generator")
public record GeneratorProperties(
    @DefaultValue("5") @Min(1) int maxSources,
    @DefaultValue("3") @Min(1) int maxSentences,
    @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double minScore,
    @DefaultValue("0.85") @DecimalMin("0") @DecimalMax("1") double relativeCutoff,
    @DefaultValue("400") @Min(1) int snippetChars,
    @Nullable URI url,
    @DefaultValue("") String model,
    @Nullable String apiKey,
    @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("2") double temperature,
    @DefaultValue("1.0") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double topP,
    @DefaultValue("512") @Min(1) int maxTokens,
    @DefaultValue("8192") @Min(512) int contextWindow,
    @DefaultValue("true") boolean includeUsage,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration firstTokenTimeout,
    @DefaultValue("120s") Duration totalTimeout,
    @DefaultValue("3") @Min(1) int maxAttempts,
    @DefaultValue("500ms") Duration initialBackoff,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("0.72") @DecimalMin("-1") @DecimalMax("1") double minSupport,
    @DefaultValue @Valid Breaker breaker,
    @DefaultValue @Valid Context context) {
  @Override
  public String toString() {
    return Redacted.toString(this, "apiKey");
  }

  /**
   * The circuit breaker around the LLM server.
   *
   * @param window calls the failure rate is measured over
   * @param minimumCalls calls before the rate counts
   * @param failureRatePercent the failure rate that opens the circuit; while open, answers are
   *     extractive at once
   * @param openFor how long it stays open before a few calls probe the server again
   */
  public record Breaker(
      @DefaultValue("20") @Min(1) int window,
      @DefaultValue("10") @Min(1) int minimumCalls,
      @DefaultValue("50") @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") float failureRatePercent,
      @DefaultValue("30s") Duration openFor) {}

  /**
   * Context assembly ({@code ragkb.generator.context.*}): which text of the retrieved chunks a
   * generator reads. Chunks of one document that overlap or touch are always merged into one source.
   *
   * @param smallToBig hand over each retrieved chunk's parent passage (its section, or the part of a
   *     long section around it), where it fits, instead of the chunk alone
   * @param maxTokens the most tokens of source text a generator reads in all (an LLM also within what
   *     its context window leaves); sources that do not fit are left out, lowest ranked first
   * @param maxPassageTokens the largest parent passage used in place of its chunk
   */
  public record Context(
      @DefaultValue("true") boolean smallToBig,
      @DefaultValue("2048") @Min(1) int maxTokens,
      @DefaultValue("1024") @Min(1) int maxPassageTokens) {}
}
