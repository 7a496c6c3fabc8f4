package dev.ragkb.gateway.config;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.indexing.cache.CachingEmbeddingModel;
import dev.ragkb.indexing.http.EmbeddingApi;
import dev.ragkb.indexing.http.HttpEmbeddingModel;
import dev.ragkb.indexing.onnx.OnnxEmbeddingModel;
import dev.ragkb.indexing.onnx.WordPieceTokenCounter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The embedding model ({@code ragkb.embedding.provider}: in-process ONNX, or an OpenAI-compatible or
 * TEI service), behind the embedding cache unless {@code ragkb.embedding.cache=false}.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

  /** Qualifies the model itself, as opposed to the cache in front of it. */
  static final String PROVIDER = "embeddingProvider";

  private static final String REMOTE = "'${ragkb.embedding.provider:onnx}'.toLowerCase() matches 'openai|tei'";

  /** CPU-bound inference gets a bounded pool of platform threads, one per core unless configured. */
  @Bean(destroyMethod = "shutdown")
  @ConditionalOnProperty(name = "ragkb.embedding.provider", havingValue = "onnx", matchIfMissing = true)
  ExecutorService embeddingExecutor(EmbeddingProperties properties) {
    int threads = properties.threads() > 0 ? properties.threads() : Runtime.getRuntime().availableProcessors();
    return Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("embed-", 0).daemon(true).factory());
  }

  @Bean
  @Qualifier(PROVIDER)
  @ConditionalOnProperty(name = "ragkb.embedding.provider", havingValue = "onnx", matchIfMissing = true)
  @ConditionalOnMissingBean
  OnnxEmbeddingModel onnxEmbeddingModel(EmbeddingProperties properties,
      @Qualifier("embeddingExecutor") ExecutorService executor) {
    return new OnnxEmbeddingModel(new OnnxEmbeddingModel.Settings(properties.model(), properties.queryInstruction()), executor);
  }

  /** Requests to the service block on I/O: virtual threads; the model bounds how many are in flight. */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression(REMOTE)
  ExecutorService embeddingRequestExecutor() {
    return Executors.newVirtualThreadPerTaskExecutor();
  }

  @Bean(destroyMethod = "close")
  @Qualifier(PROVIDER)
  @ConditionalOnExpression(REMOTE)
  @ConditionalOnMissingBean
  HttpEmbeddingModel httpEmbeddingModel(EmbeddingProperties p,
      @Qualifier("embeddingRequestExecutor") ExecutorService executor) {
    if (p.url() == null) {
      throw new IllegalStateException("ragkb.embedding.url must name the embedding service when ragkb.embedding.provider is "
          + p.provider().name().toLowerCase(Locale.ROOT));
    }
    EmbeddingApi api = p.provider() == EmbeddingProperties.Provider.TEI ? EmbeddingApi.TEI : EmbeddingApi.OPENAI;
    return new HttpEmbeddingModel(new HttpEmbeddingModel.Settings(p.url(), api, p.model(), p.apiKey(), p.dimension(),
        p.batchSize(), p.maxConcurrentRequests(), p.connectTimeout(), p.requestTimeout(), p.maxAttempts(),
        p.initialBackoff(), p.maxBackoff(), p.queryInstruction()), executor);
  }

  /** The model everything else injects: the provider's model behind the cache. */
  @Bean(destroyMethod = "close")
  @Primary
  @ConditionalOnProperty(name = "ragkb.embedding.cache", havingValue = "true", matchIfMissing = true)
  CachingEmbeddingModel cachingEmbeddingModel(@Qualifier(PROVIDER) EmbeddingModel model, RagkbProperties properties) {
    return new CachingEmbeddingModel(model, properties.dataDir().resolve("embedding-cache"));
  }

  /** Chunk budgets are counted in BERT word pieces, whichever model embeds. */
  @Bean
  @ConditionalOnMissingBean
  TokenCounter tokenCounter() {
    return new WordPieceTokenCounter();
  }
}
