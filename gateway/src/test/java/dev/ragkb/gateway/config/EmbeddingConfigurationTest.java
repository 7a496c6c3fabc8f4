package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.indexing.cache.CachingEmbeddingModel;
import dev.ragkb.indexing.http.HttpEmbeddingModel;
import dev.ragkb.indexing.onnx.OnnxEmbeddingModel;
import dev.ragkb.indexing.onnx.WordPieceTokenCounter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class EmbeddingConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({EmbeddingProperties.class, RagkbProperties.class})
  static class Properties {}

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, EmbeddingConfiguration.class)
        .withPropertyValues("ragkb.data-dir=" + dataDir);
  }

  @Test
  void embedsInProcessBehindTheCacheByDefault() {
    runner().run(context -> {
      assertThat(context).hasSingleBean(OnnxEmbeddingModel.class).doesNotHaveBean(HttpEmbeddingModel.class);
      EmbeddingModel model = context.getBean(EmbeddingModel.class);
      assertThat(model).isInstanceOf(CachingEmbeddingModel.class);
      assertThat(model.name()).isEqualTo("bge-small-en-v1.5-q");
      assertThat(context.getBean(TokenCounter.class)).isInstanceOf(WordPieceTokenCounter.class);
    });
  }

  @Test
  void servesBgeSmallZhWhenConfigured() {
    runner().withPropertyValues("ragkb.embedding.model=bge-small-zh-v1.5-q", "ragkb.embedding.cache=false")
        .run(context -> {
          assertThat(context.getBean(EmbeddingModel.class)).isInstanceOf(OnnxEmbeddingModel.class);
          assertThat(context.getBean(EmbeddingModel.class).dimension()).isEqualTo(512);
        });
  }

  @Test
  void usesATeiServiceWhenConfigured() {
    runner().withPropertyValues("ragkb.embedding.provider=tei", "ragkb.embedding.url=http://127.0.0.1:9",
            "ragkb.embedding.model=BAAI/bge-small-en-v1.5", "ragkb.embedding.max-concurrent-requests=2")
        .run(context -> {
          assertThat(context).hasSingleBean(HttpEmbeddingModel.class).doesNotHaveBean(OnnxEmbeddingModel.class);
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
          assertThat(context.getBean(EmbeddingModel.class)).isInstanceOf(HttpEmbeddingModel.class);
          assertThat(context.getBean(EmbeddingModel.class).dimension()).isEqualTo(1536);
          assertThat(context).doesNotHaveBean(CachingEmbeddingModel.class);
        });
  }

  @Test
  void refusesToStartWithAServiceButNoUrl() {
    runner().withPropertyValues("ragkb.embedding.provider=openai")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("ragkb.embedding.url"));
  }
}
