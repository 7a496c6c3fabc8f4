package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.InMemoryKnowledgeBaseStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.indexing.cache.CachingEmbeddingModel;
import dev.ragkb.indexing.cache.EmbeddingCache;
import dev.ragkb.indexing.onnx.ExecutionProvider;
import dev.ragkb.indexing.onnx.WordPieceTokenCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class EmbeddingConfigurationTest {

  /** Two knowledge bases: one on the default model, one on bge-small-zh. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({EmbeddingProperties.class, RagkbProperties.class})
  static class Properties {
    @Bean
    KnowledgeBaseStore knowledgeBaseStore() {
      return new InMemoryKnowledgeBaseStore(new KnowledgeBase("1", "manuals", "en", "bge-small-en-v1.5-q", Instant.EPOCH),
          new KnowledgeBase("2", "shouce", "zh", "bge-small-zh-v1.5-q", Instant.EPOCH));
    }
  }

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, EmbeddingConfiguration.class)
        .withPropertyValues("ragkb.data-dir=" + dataDir);
  }

  @Test
  void servesBothBgeModelsInProcessBehindTheCacheByDefault() {
    runner().run(context -> {
      EmbeddingModels models = context.getBean(EmbeddingModels.class);
      assertThat(models.served()).containsExactly("bge-small-en-v1.5-q", "bge-small-zh-v1.5-q");
      assertThat(models.modelFor("zh-CN")).isEqualTo("bge-small-zh-v1.5-q");
      EmbeddingModel model = context.getBean(EmbeddingModel.class);
      assertThat(model).isInstanceOf(CachingEmbeddingModel.class);
      assertThat(model.name()).isEqualTo("bge-small-en-v1.5-q");
      assertThat(context).hasSingleBean(EmbeddingCache.class);
      assertThat(context.getBean(ExecutionProvider.class)).isEqualTo(ExecutionProvider.CPU);
      assertThat(context.getBean(TokenCounter.class)).isInstanceOf(WordPieceTokenCounter.class);

      KnowledgeBaseEmbeddings perKb = context.getBean(KnowledgeBaseEmbeddings.class);
      assertThat(perKb.forKnowledgeBase("1").dimension()).isEqualTo(384);
      assertThat(perKb.forKnowledgeBase("2").dimension()).isEqualTo(512);
      assertThat(perKb.forKnowledgeBase("2").name()).isEqualTo("bge-small-zh-v1.5-q");
    });
  }

  @Test
  void servesBgeSmallZhByDefaultWhenConfigured() {
    runner().withPropertyValues("ragkb.embedding.model=bge-small-zh-v1.5-q", "ragkb.embedding.cache=false")
        .run(context -> {
          assertThat(context.getBean(EmbeddingModels.class).served())
              .containsExactly("bge-small-zh-v1.5-q", "bge-small-en-v1.5-q");
          assertThat(context.getBean(EmbeddingModel.class)).isNotInstanceOf(CachingEmbeddingModel.class);
          assertThat(context.getBean(EmbeddingModel.class).dimension()).isEqualTo(512);
          assertThat(context).doesNotHaveBean(EmbeddingCache.class);
        });
  }

  @Test
  void usesATeiServiceWhenConfigured() {
    runner().withPropertyValues("ragkb.embedding.provider=tei", "ragkb.embedding.url=http://127.0.0.1:9",
            "ragkb.embedding.model=BAAI/bge-small-en-v1.5", "ragkb.embedding.max-concurrent-requests=2")
        .run(context -> {
          EmbeddingModels models = context.getBean(EmbeddingModels.class);
          assertThat(models.served()).containsExactly("BAAI/bge-small-en-v1.5");
          assertThat(models.modelFor("zh")).isEqualTo("BAAI/bge-small-en-v1.5");
          assertThat(context).doesNotHaveBean(ExecutionProvider.class);
          assertThat(context.getBean(EmbeddingModel.class)).isInstanceOf(CachingEmbeddingModel.class);
          assertThat(context.getBean(EmbeddingModel.class).name()).isEqualTo("BAAI/bge-small-en-v1.5");
          assertThat(context).hasSingleBean(TokenCounter.class);
        });
  }

  @Test
  void usesAnOpenAiCompatibleServiceUncachedWhenTheCacheIsOff() {
    runner().withPropertyValues("ragkb.embedding.provider=openai", "ragkb.embedding.url=http://127.0.0.1:9/v1",
            "ragkb.embedding.model=text-embedding-3-small", "ragkb.embedding.dimension=1536", "ragkb.embedding.cache=false")
        .run(context -> {
          assertThat(context.getBean(EmbeddingModel.class)).isNotInstanceOf(CachingEmbeddingModel.class);
          assertThat(context.getBean(EmbeddingModel.class).dimension()).isEqualTo(1536);
          assertThat(context).doesNotHaveBean(EmbeddingCache.class);
        });
  }

  @Test
  void refusesToStartWithAServiceButNoUrl() {
    runner().withPropertyValues("ragkb.embedding.provider=openai")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("ragkb.embedding.url"));
  }

  @Test
  void refusesToStartWhenCudaIsDemandedButThisOnnxruntimeHasNone() {
    runner().withPropertyValues("ragkb.embedding.device=cuda")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("ragkb.embedding.device=cuda").hasMessageContaining("no CUDA execution provider"));
  }

  @Test
  void refusesToStartWithAnInProcessModelThatIsNotOnTheClasspath() {
    runner().withPropertyValues("ragkb.embedding.model=bge-large-en-v1.5")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("bge-large-en-v1.5").hasMessageContaining("bge-small-zh-v1.5-q"));
  }

  @Test
  void tellsWhereEmbeddingsRunAtTheInfoEndpoint() {
    runner().withPropertyValues("ragkb.embedding.device=auto").run(context -> {
      Info.Builder info = new Info.Builder();
      context.getBean("embeddingInfo", InfoContributor.class).contribute(info);
      assertThat(info.build().getDetails()).extractingByKey("embedding").asString()
          .contains("executionProvider=CPU").contains("defaultModel=bge-small-en-v1.5-q")
          .contains("served=[bge-small-en-v1.5-q, bge-small-zh-v1.5-q]");

      var meters = new SimpleMeterRegistry();
      context.getBean("embeddingExecutionProviderMetric", MeterBinder.class).bindTo(meters);
      assertThat(meters.get("ragkb.embedding.execution.provider").tag("provider", "cpu").gauge().value()).isEqualTo(1.0);
    });
  }
}
