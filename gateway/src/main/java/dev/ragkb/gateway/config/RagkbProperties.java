package dev.ragkb.gateway.config;

import dev.ragkb.core.Redacted;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the whole service.
 *
 * @param dataDir where everything persistent lives: metadata, indexes, uploaded originals, the
 *     generated API key ({@code RAGKB_DATA_DIR})
 * @param apiKey the admin API key ({@code RAGKB_API_KEY}); when unset, one is generated on first
 *     start, stored in the data dir and printed
 * @param roles what this process does ({@code RAGKB_ROLES}, default all three): {@code gateway}
 *     serves the API, {@code ingest} runs the parse, chunk and index stages' Kafka consumers, {@code
 *     embedder} the embed stage's. Processes of different roles share the Kafka cluster, the metadata
 *     database and the blob directory
 * @param blobDir where uploaded originals and stage outputs are kept ({@code RAGKB_BLOB_DIR});
 *     unset: {@code <data-dir>/blobs}. Stage outputs travel by reference, so every process of one
 *     deployment must see the same directory (a shared volume)
 */
@Validated
@ConfigurationProperties("ragkb")
public record RagkbProperties(
    @DefaultValue("./data") @NotNull Path dataDir,
    @Nullable String apiKey,
    @DefaultValue({"gateway", "ingest", "embedder"}) @NotEmpty Set<Role> roles,
    @Nullable Path blobDir) {
  @Override
  public String toString() {
    return Redacted.toString(this, "apiKey");
  }

  /** A role of a process. */
  public enum Role {
    GATEWAY,
    INGEST,
    EMBEDDER
  }

  /** {@link #blobDir}, or its default under the data dir. */
  public Path blobs() {
    return blobDir != null ? blobDir : dataDir.resolve("blobs");
  }
}
