package dev.ragkb.gateway.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retrieval settings.
 *
 * @param candidates hits each of BM25 and kNN contributes before fusion
 * @param rrfK the k of reciprocal rank fusion (60, from the RRF paper)
 * @param defaultTopK hits a search returns when the request names no topK
 * @param maxTopK the most hits a search may ask for
 */
@Validated
@ConfigurationProperties("ragkb.retrieval")
public record RetrievalProperties(
    @DefaultValue("100") @Min(1) int candidates,
    @DefaultValue("60") @Min(0) int rrfK,
    @DefaultValue("10") @Min(1) int defaultTopK,
    @DefaultValue("100") @Min(1) int maxTopK) {}
