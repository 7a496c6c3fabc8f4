package dev.ragkb.gateway.config;

import dev.ragkb.indexing.lucene.VectorFormat;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Lucene indexes under the data dir.
 *
 * @param vectorFormat {@code float32} (default) or {@code int8}: HNSW over scalar-quantized vectors,
 *     about a quarter of the memory for a small loss of recall (docs/benchmarks.md); applies to
 *     segments written from then on
 */
@Validated
@ConfigurationProperties("ragkb.index.lucene")
public record LuceneProperties(@DefaultValue("float32") @NotNull VectorFormat vectorFormat) {}
