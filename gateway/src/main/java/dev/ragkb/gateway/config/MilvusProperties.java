package dev.ragkb.gateway.config;

import dev.ragkb.core.Redacted;
import dev.ragkb.indexing.milvus.MilvusIndex;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Milvus, the vector index of {@code ragkb.index.backend=lucene+milvus} and {@code elasticsearch+milvus}.
 *
 * @param uri the Milvus endpoint ({@code RAGKB_INDEX_MILVUS_URI})
 * @param token {@code user:password} or an API key, when authentication is on
 * @param database the Milvus database
 * @param collectionPrefix each knowledge base's collection is named this plus its id
 * @param encoding {@code float32} (HNSW) or {@code int8} (HNSW_SQ, 8-bit scalar quantization)
 * @param m HNSW links per node
 * @param efConstruction HNSW candidates while building
 * @param ef HNSW candidates while searching (raised to top k when lower)
 * @param timeout to connect, and for each call
 */
@Validated
@ConfigurationProperties("ragkb.index.milvus")
public record MilvusProperties(
    @DefaultValue("http://localhost:19530") @NotBlank String uri,
    @Nullable String token,
    @DefaultValue("default") @NotBlank String database,
    @DefaultValue("ragkb_") @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*") String collectionPrefix,
    @DefaultValue("float32") @NotNull MilvusIndex.Encoding encoding,
    @DefaultValue("16") @Min(2) int m,
    @DefaultValue("200") @Min(1) int efConstruction,
    @DefaultValue("64") @Min(1) int ef,
    @DefaultValue("10s") Duration timeout) {
  @Override
  public String toString() {
    return Redacted.toString(this, "token");
  }
}
