package dev.ragkb.gateway.config;

import dev.ragkb.core.Redacted;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * An optional reranking service (a GPU cross-encoder behind TEI or a Cohere-style API). Blank
 * {@code url}: no reranking, because no reranking model runs in process here.
 *
 * @param url the rerank endpoint, e.g. {@code http://reranker:8080/rerank}
 * @param format {@code tei} ({@code /rerank}) or {@code cohere} ({@code /v1/rerank}: Cohere, Jina, vLLM, Infinity)
 * @param model the model name the Cohere format sends
 * @param apiKey sent as a bearer token when not blank
 * @param timeout per request; past it the fused ranking is used as it is
 * @param candidates first-stage hits sent to the reranker
 */
@Validated
@ConfigurationProperties("ragkb.reranker")
public record RerankerProperties(
    @DefaultValue("") String url,
    @DefaultValue("tei") @Pattern(regexp = "tei|cohere") String format,
    @DefaultValue("") String model,
    @DefaultValue("") String apiKey,
    @DefaultValue("2s") Duration timeout,
    @DefaultValue("30") @Min(1) int candidates) {
  @Override
  public String toString() {
    return Redacted.toString(this, "apiKey");
  }
}
