package dev.ragkb.gateway.config;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.indexing.cache.CachingEmbeddingModel;
import dev.ragkb.indexing.cache.EmbeddingCache;
import dev.ragkb.indexing.http.EmbeddingApi;
import dev.ragkb.indexing.http.HttpEmbeddingModel;
import dev.ragkb.indexing.models.EmbeddingModelRegistry;
import dev.ragkb.indexing.models.KnowledgeBaseModels;
import dev.ragkb.indexing.onnx.ExecutionProvider;
import dev.ragkb.indexing.onnx.OnnxEmbeddingModel;
import dev.ragkb.indexing.onnx.WordPieceTokenCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The embedding models ({@code ragkb.embedding.provider}: in-process ONNX, or an OpenAI-compatible or
 * TEI service), each behind the embedding cache unless {@code ragkb.embedding.cache=false}. In
 * process, every bge model whose artifact is on the classpath is served, loaded on first use.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

  private static final String REMOTE = "'${ragkb.embedding.provider:onnx}'.toLowerCase() matches 'openai|tei'";

  /** A new knowledge base in Chinese gets bge-small-zh when it is served and its creator names no model. */
  private static final Map<String, String> LANGUAGE_MODELS = Map.of("zh", OnnxEmbeddingModel.BGE_SMALL_ZH_V15_Q);

  /** CPU-bound inference gets a bounded pool of platform threads, one per core unless configured. */
  @Bean(destroyMethod = "shutdown")
  @ConditionalOnProperty(name = "ragkb.embedding.provider", havingValue = "onnx", matchIfMissing = true)
  ExecutorService embeddingExecutor(EmbeddingProperties properties) {
    int threads = properties.threads() > 0 ? properties.threads() : Runtime.getRuntime().availableProcessors();
    return Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("embed-", 0).daemon(true).factory());
  }

  /** Chosen once at start-up, so that {@code device=cuda} without a usable GPU stops the process there. */
  @Bean
  @ConditionalOnProperty(name = "ragkb.embedding.provider", havingValue = "onnx", matchIfMissing = true)
  @ConditionalOnMissingBean
  ExecutionProvider onnxExecutionProvider(EmbeddingProperties properties) {
    return properties.device().resolve(provider -> OnnxEmbeddingModel.probe(properties.model(), provider));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "ragkb.embedding.cache", havingValue = "true", matchIfMissing = true)
  EmbeddingCache embeddingCache(RagkbProperties properties) {
    return new EmbeddingCache(properties.dataDir().resolve("embedding-cache"));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "ragkb.embedding.provider", havingValue = "onnx", matchIfMissing = true)
  @ConditionalOnMissingBean(EmbeddingModels.class)
  EmbeddingModelRegistry onnxEmbeddingModels(EmbeddingProperties properties, ExecutionProvider provider,
      @Qualifier("embeddingExecutor") ExecutorService executor, ObjectProvider<EmbeddingCache> cache) {
    List<String> onClasspath = OnnxEmbeddingModel.onClasspath();
    if (!onClasspath.contains(properties.model())) {
      throw new IllegalStateException("ragkb.embedding.model=" + properties.model()
          + " is not an in-process model on the classpath; these are: " + onClasspath);
    }
    List<String> served = new ArrayList<>(List.of(properties.model()));
    onClasspath.stream().filter(m -> !m.equals(properties.model())).forEach(served::add);
    return new EmbeddingModelRegistry(new EmbeddingModelRegistry.Settings(served, LANGUAGE_MODELS),
        name -> cached(new OnnxEmbeddingModel(new OnnxEmbeddingModel.Settings(name, properties.queryInstruction()),
            provider, executor), cache.getIfAvailable()));
  }

  /** Requests to the service block on I/O: virtual threads; the model bounds how many are in flight. */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression(REMOTE)
  ExecutorService embeddingRequestExecutor() {
    return Executors.newVirtualThreadPerTaskExecutor();
  }

  /** A service serves one model: the configured one. */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression(REMOTE)
  @ConditionalOnMissingBean(EmbeddingModels.class)
  EmbeddingModelRegistry httpEmbeddingModels(EmbeddingProperties p,
      @Qualifier("embeddingRequestExecutor") ExecutorService executor, ObjectProvider<EmbeddingCache> cache) {
    if (p.url() == null) {
      throw new IllegalStateException("ragkb.embedding.url must name the embedding service when ragkb.embedding.provider is "
          + p.provider().name().toLowerCase(Locale.ROOT));
    }
    EmbeddingApi api = p.provider() == EmbeddingProperties.Provider.TEI ? EmbeddingApi.TEI : EmbeddingApi.OPENAI;
    return new EmbeddingModelRegistry(new EmbeddingModelRegistry.Settings(List.of(p.model()), Map.of()),
        name -> cached(new HttpEmbeddingModel(new HttpEmbeddingModel.Settings(p.url(), api, name, p.apiKey(),
            p.dimension(), p.batchSize(), p.maxConcurrentRequests(), p.connectTimeout(), p.requestTimeout(),
            p.maxAttempts(), p.initialBackoff(), p.maxBackoff(), p.queryInstruction()), executor), cache.getIfAvailable()));
  }

  private static EmbeddingModel cached(EmbeddingModel model, @Nullable EmbeddingCache cache) {
    return cache == null ? model : new CachingEmbeddingModel(model, cache);
  }

  /** Ingestion and retrieval embed with each knowledge base's own model. */
  @Bean
  @ConditionalOnMissingBean
  KnowledgeBaseEmbeddings knowledgeBaseEmbeddings(KnowledgeBaseStore knowledgeBases, EmbeddingModels models) {
    return new KnowledgeBaseModels(knowledgeBases, models);
  }

  /**
   * The default model, for what is not tied to a knowledge base: the benchmarks and the BEIR
   * evaluation (whose knowledge bases use the default). Answers use their knowledge base's model.
   */
  @Bean(destroyMethod = "") // the registry owns and closes its models; Spring would close this one twice
  @Primary
  @ConditionalOnMissingBean
  EmbeddingModel defaultEmbeddingModel(EmbeddingModels models) {
    return models.forName(models.defaultModel());
  }

  /** Which models are served, and where in-process ones run, at {@code /actuator/info}. */
  @Bean
  InfoContributor embeddingInfo(EmbeddingModels models, EmbeddingProperties properties,
      ObjectProvider<ExecutionProvider> provider) {
    return info -> {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("provider", properties.provider().name().toLowerCase(Locale.ROOT));
      provider.ifAvailable(p -> details.put("executionProvider", p.name()));
      details.put("defaultModel", models.defaultModel());
      details.put("served", models.served());
      info.withDetail("embedding", details);
    };
  }

  /** The same as a metric, {@code ragkb_embedding_execution_provider{provider="cpu"} 1}, for dashboards and alerts. */
  @Bean
  MeterBinder embeddingExecutionProviderMetric(ObjectProvider<ExecutionProvider> provider) {
    return registry -> provider.ifAvailable(p -> Gauge.builder("ragkb.embedding.execution.provider", () -> 1)
        .description("where in-process embeddings run (the tag); always 1")
        .tag("provider", p.name().toLowerCase(Locale.ROOT))
        .register(registry));
  }

  /** Chunk budgets are counted in BERT word pieces, whichever model embeds. */
  @Bean
  @ConditionalOnMissingBean
  TokenCounter tokenCounter() {
    return new WordPieceTokenCounter();
  }
}
