package dev.ragkb.gateway.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
 * @param fusion how BM25 and kNN rankings merge: {@code rrf}, {@code linear-min-max} or
 *     {@code linear-z-score}; min-max linear fusion is the default because it beat RRF on SciFact
 *     under two-fold cross-validation (0.746 vs 0.739 nDCG@10, docs/benchmarks.md)
 * @param vectorWeight for linear fusion, the weight of the kNN scores (BM25 gets 1 minus it); 0.6
 *     lies between the weights the two SciFact folds chose (0.55 and 0.65)
 * @param mmrLambda maximal marginal relevance over the fused candidates: the share of relevance
 *     against novelty; 1 (the default) turns diversification off, because on SciFact it did not
 *     raise nDCG@10 (0.744 cross-validated against 0.745, docs/benchmarks.md)
 * @param highlightFragments the most highlighted fragments of a search hit's text
 * @param highlightChars the longest highlighted fragment, in characters: 200 holds a sentence or two,
 *     about two lines of a result list
 *
 * <p>{@code fusion}, {@code vectorWeight}, {@code rrfK} and {@code mmrLambda} are the service's
 * defaults: a knowledge base may record its own, and a request may override both.
 */
@Validated
@ConfigurationProperties("ragkb.retrieval")
public record RetrievalProperties(
    @DefaultValue("100") @Min(1) int candidates,
    @DefaultValue("60") @Min(1) int rrfK,
    @DefaultValue("10") @Min(1) int defaultTopK,
    @DefaultValue("100") @Min(1) int maxTopK,
    @DefaultValue("linear-min-max") @Pattern(regexp = "rrf|linear-min-max|linear-z-score") String fusion,
    @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double vectorWeight,
    @DefaultValue("1") @DecimalMin("0") @DecimalMax("1") double mmrLambda,
    @DefaultValue("3") @Min(1) int highlightFragments,
    @DefaultValue("200") @Min(20) int highlightChars) {}
