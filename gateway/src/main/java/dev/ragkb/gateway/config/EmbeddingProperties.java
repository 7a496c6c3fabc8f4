package dev.ragkb.gateway.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-process embedding model.
 *
 * @param model the default model of new knowledge bases
 * @param queryInstruction prepended to queries (empty: the BGE instruction did not help on SciFact)
 * @param threads CPU threads for inference; 0 means one per core
 */
@Validated
@ConfigurationProperties("ragkb.embedding")
public record EmbeddingProperties(
    @DefaultValue("bge-small-en-v1.5-q") @NotBlank String model,
    @DefaultValue("") String queryInstruction,
    @DefaultValue("0") @Min(0) int threads) {}
