package dev.ragkb.gateway.config;

import dev.ragkb.core.Redacted;
import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Elasticsearch cluster that holds text and vectors when {@code ragkb.index.backend=elasticsearch},
 * and text alone when it is {@code elasticsearch+milvus}
 * (8.x or 9.x: the client speaks the 8 API, which 9.x clusters accept).
 *
 * @param url the cluster's HTTP endpoint ({@code RAGKB_ELASTICSEARCH_URL})
 * @param apiKey an Elasticsearch API key (the encoded form), sent as {@code Authorization: ApiKey};
 *     unset for an unsecured cluster ({@code RAGKB_ELASTICSEARCH_API_KEY})
 * @param indexPrefix each knowledge base gets the index {@code <indexPrefix><kb id>}
 * @param replicas replicas per index; 0 on a single-node cluster
 * @param bulkOperations chunks indexed or deleted per bulk request
 * @param maxConcurrentBulks bulk requests in flight at once from this instance (back-pressure)
 * @param maxRetries how often chunks the cluster rejects with 429 are sent again before the write fails
 * @param retryBackoff the first pause before such a retry; it doubles with each one
 * @param connectTimeout to open a connection
 * @param socketTimeout to wait for a response
 * @param numCandidates nearest-neighbour candidates per shard (at least top k): more is slower and closer to exact
 * @param analyzers analyzer by language code, replacing the built-in choice ({@code english} for
 *     {@code en}, {@code cjk} for Chinese, Japanese and Korean, else {@code standard})
 */
@Validated
@ConfigurationProperties("ragkb.elasticsearch")
public record ElasticsearchProperties(
    @DefaultValue("http://localhost:9200") @NotNull URI url,
    @Nullable String apiKey,
    @DefaultValue("ragkb-") @NotBlank String indexPrefix,
    @DefaultValue("1") @Min(0) int replicas,
    @DefaultValue("500") @Min(1) int bulkOperations,
    @DefaultValue("4") @Min(1) int maxConcurrentBulks,
    @DefaultValue("5") @Min(0) int maxRetries,
    @DefaultValue("200ms") @NotNull Duration retryBackoff,
    @DefaultValue("5s") @NotNull Duration connectTimeout,
    @DefaultValue("60s") @NotNull Duration socketTimeout,
    @DefaultValue("100") @Min(1) @Max(10_000) int numCandidates,
    @DefaultValue Map<String, String> analyzers) {
  @Override
  public String toString() {
    return Redacted.toString(this, "apiKey");
  }

  /** With vectors; {@link IndexConfiguration} leaves them out when Milvus holds them. */
  ElasticsearchIndex.Settings toSettings() {
    return new ElasticsearchIndex.Settings(url, apiKey, indexPrefix, replicas, bulkOperations, maxConcurrentBulks,
        maxRetries, retryBackoff, connectTimeout, socketTimeout, numCandidates, analyzers, true);
  }
}
