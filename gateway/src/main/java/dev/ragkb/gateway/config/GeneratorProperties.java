package dev.ragkb.gateway.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The extractive generator, the default when no LLM is configured.
 *
 * @param maxSources top retrieved chunks it reads
 * @param maxSentences sentences in an answer at most
 * @param minScore below this for every sentence, it abstains
 * @param relativeCutoff further sentences must score this share of the best
 * @param snippetChars the longest citation snippet
 */
@Validated
@ConfigurationProperties("ragkb.generator")
public record GeneratorProperties(
    @DefaultValue("5") @Min(1) int maxSources,
    @DefaultValue("3") @Min(1) int maxSentences,
    @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double minScore,
    @DefaultValue("0.85") @DecimalMin("0") @DecimalMax("1") double relativeCutoff,
    @DefaultValue("400") @Min(1) int snippetChars) {}
