package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.RetrievalSettings;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.composite.FanOutChunkIndex;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class IndexConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({RagkbProperties.class, LuceneProperties.class, MilvusProperties.class})
  static class Dependencies {
    @Bean
    KnowledgeBaseStore knowledgeBaseStore() {
      return new KnowledgeBaseStore() {
        @Override
        public void create(KnowledgeBase kb) {}

        @Override
        public Optional<KnowledgeBase> findByName(String name) {
          return Optional.empty();
        }

        @Override
        public Optional<KnowledgeBase> findById(String id) {
          return Optional.empty();
        }

        @Override
        public void updateRetrieval(String id, RetrievalSettings retrieval) {}

        @Override
        public List<KnowledgeBase> list() {
          return List.of();
        }
      };
    }
  }

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(Dependencies.class, IndexConfiguration.class)
        .withPropertyValues("ragkb.data-dir=" + dataDir);
  }

  @Test
  void keepsTextAndVectorsInLuceneByDefault() {
    runner().run(context -> {
      assertThat(context).hasSingleBean(LuceneIndex.class).doesNotHaveBean(MilvusIndex.class);
      LuceneIndex lucene = context.getBean(LuceneIndex.class);
      assertThat(context.getBean(ChunkIndex.class)).isSameAs(lucene);
      assertThat(context.getBean(TextIndex.class)).isSameAs(lucene);
      assertThat(context.getBean(VectorIndex.class)).isSameAs(lucene);
    });
  }

  @Test
  void takesTheLuceneVectorFormatFromConfiguration() {
    runner().withPropertyValues("ragkb.index.lucene.vector-format=int8")
        .run(context -> assertThat(context.getBean(LuceneProperties.class).vectorFormat())
            .isEqualTo(dev.ragkb.indexing.lucene.VectorFormat.INT8));
  }

  @Test
  void writesToLuceneAndMilvusAndSearchesVectorsInMilvusWhenConfigured() {
    // nothing listens on port 9: the context starts because the Milvus client connects on first use
    runner().withPropertyValues("ragkb.index.backend=lucene+milvus", "ragkb.index.milvus.uri=http://127.0.0.1:9",
            "ragkb.index.milvus.encoding=int8")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(MilvusIndex.class);
          assertThat(context.getBean(ChunkIndex.class)).isInstanceOf(FanOutChunkIndex.class);
          assertThat(context.getBean(TextIndex.class)).isInstanceOf(LuceneIndex.class);
          assertThat(context.getBean(VectorIndex.class)).isNotInstanceOf(LuceneIndex.class);
          assertThat(context.getBean(MilvusProperties.class).encoding()).isEqualTo(MilvusIndex.Encoding.INT8);
        });
  }
}
