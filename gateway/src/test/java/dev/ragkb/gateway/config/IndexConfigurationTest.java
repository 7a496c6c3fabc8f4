package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.InMemoryKnowledgeBaseStore;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.composite.FanOutChunkIndex;
import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.indexing.lucene.VectorFormat;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

/**
 * Which indexes each {@code ragkb.index.backend} wires, without any server: Elasticsearch and Milvus
 * connect on first use, so their endpoints here (port 9, where nothing listens) are never called.
 */
class IndexConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({RagkbProperties.class, LuceneProperties.class, ElasticsearchProperties.class,
      MilvusProperties.class})
  static class Dependencies {
    @Bean
    KnowledgeBaseStore knowledgeBaseStore() {
      return new InMemoryKnowledgeBaseStore();
    }
  }

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(Dependencies.class, IndexConfiguration.class)
        .withPropertyValues("ragkb.data-dir=" + dataDir, "ragkb.index.milvus.uri=http://127.0.0.1:9",
            "ragkb.elasticsearch.url=http://127.0.0.1:9");
  }

  @Test
  void keepsTextAndVectorsInLuceneByDefault() {
    runner().run(context -> {
      assertThat(context).hasSingleBean(LuceneIndex.class).doesNotHaveBean(MilvusIndex.class)
          .doesNotHaveBean(ElasticsearchIndex.class);
      LuceneIndex lucene = context.getBean(LuceneIndex.class);
      assertThat(context.getBean(ChunkIndex.class)).isSameAs(lucene);
      assertThat(context.getBean(TextIndex.class)).isSameAs(lucene);
      assertThat(context.getBean(VectorIndex.class)).isSameAs(lucene);
      assertThat(lucene.vectorFormat()).isEqualTo(VectorFormat.FLOAT32);
    });
  }

  @Test
  void takesTheLuceneVectorFormatFromConfiguration() {
    runner().withPropertyValues("ragkb.index.lucene.vector-format=int8")
        .run(context -> assertThat(context.getBean(LuceneIndex.class).vectorFormat()).isEqualTo(VectorFormat.INT8));
  }

  @Test
  void keepsTextAndVectorsInElasticsearchWhenChosen() {
    runner().withPropertyValues("ragkb.index.backend=elasticsearch").run(context -> {
      assertThat(context).hasSingleBean(ElasticsearchIndex.class).doesNotHaveBean(LuceneIndex.class)
          .doesNotHaveBean(MilvusIndex.class);
      ElasticsearchIndex elasticsearch = context.getBean(ElasticsearchIndex.class);
      assertThat(context.getBean(ChunkIndex.class)).isSameAs(elasticsearch);
      assertThat(context.getBean(TextIndex.class)).isSameAs(elasticsearch);
      assertThat(context.getBean(VectorIndex.class)).isSameAs(elasticsearch);
      assertThat(elasticsearch.settings().vectors()).isTrue();
    });
  }

  @Test
  void writesToLuceneAndMilvusAndSearchesVectorsInMilvusWhenConfigured() {
    runner().withPropertyValues("ragkb.index.backend=lucene+milvus", "ragkb.index.milvus.encoding=int8",
            "ragkb.index.lucene.vector-format=int8")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(MilvusIndex.class).doesNotHaveBean(ElasticsearchIndex.class);
          assertThat(context.getBean(ChunkIndex.class)).isInstanceOf(FanOutChunkIndex.class);
          assertThat(context.getBean(TextIndex.class)).isInstanceOf(LuceneIndex.class);
          assertThat(context.getBean(VectorIndex.class)).isNotInstanceOf(LuceneIndex.class);
          // Milvus holds the vectors, so Lucene builds no graph whatever its own setting says
          assertThat(context.getBean(LuceneIndex.class).vectorFormat()).isEqualTo(VectorFormat.NONE);
          assertThat(context.getBean(MilvusProperties.class).encoding()).isEqualTo(MilvusIndex.Encoding.INT8);
        });
  }

  @Test
  void writesToElasticsearchAndMilvusAndSearchesVectorsInMilvusWhenConfigured() {
    runner().withPropertyValues("ragkb.index.backend=elasticsearch+milvus").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(MilvusIndex.class).hasSingleBean(ElasticsearchIndex.class)
          .doesNotHaveBean(LuceneIndex.class);
      assertThat(context.getBean(ChunkIndex.class)).isInstanceOf(FanOutChunkIndex.class);
      assertThat(context.getBean(TextIndex.class)).isInstanceOf(ElasticsearchIndex.class);
      assertThat(context.getBean(VectorIndex.class)).isNotInstanceOf(ElasticsearchIndex.class);
      // no dense_vector field in its indexes, no vectors in its bulk requests
      assertThat(context.getBean(ElasticsearchIndex.class).settings().vectors()).isFalse();
    });
  }

  /** What retrieval and ingestion ask for by type resolves to one bean under every backend. */
  @ParameterizedTest
  @ValueSource(strings = {"lucene", "elasticsearch", "lucene+milvus", "elasticsearch+milvus", " Lucene+Milvus "})
  void givesIngestionAndRetrievalOneIndexOfEachRole(String backend) {
    runner().withPropertyValues("ragkb.index.backend=" + backend).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ChunkIndex.class)).isNotNull();
      assertThat(context.getBean(TextIndex.class)).isNotNull();
      assertThat(context.getBean(VectorIndex.class)).isNotNull();
      assertThat(context.getBean(IndexBackend.class).toString()).isEqualTo(backend.strip().toLowerCase(java.util.Locale.ROOT));
    });
  }

  @Test
  void refusesToStartWithAnUnknownBackendNamingTheOnesItKnows() {
    runner().withPropertyValues("ragkb.index.backend=milvus").run(context -> {
      assertThat(context).hasFailed();
      assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
          .hasMessageContaining("ragkb.index.backend (RAGKB_INDEX_BACKEND) is 'milvus'")
          .hasMessageContaining("lucene, elasticsearch, lucene+milvus, elasticsearch+milvus");
    });
  }

  @Test
  void bindsTheClusterSettings() {
    runner().withPropertyValues("ragkb.index.backend=elasticsearch", "ragkb.elasticsearch.url=https://es.internal:9243",
            "ragkb.elasticsearch.replicas=0", "ragkb.elasticsearch.socket-timeout=2m",
            "ragkb.elasticsearch.analyzers.en=stop")
        .run(context -> {
          var settings = context.getBean(ElasticsearchIndex.class).settings();
          assertThat(settings.url()).isEqualTo(URI.create("https://es.internal:9243"));
          assertThat(settings.replicas()).isZero();
          assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(settings.analyzers()).isEqualTo(Map.of("en", "stop"));
          assertThat(settings.indexPrefix()).isEqualTo("ragkb-");
        });
  }

  @Test
  void refusesElasticsearchSettingsThatCannotWork() {
    runner().withPropertyValues("ragkb.index.backend=elasticsearch", "ragkb.elasticsearch.num-candidates=0")
        .run(context -> assertThat(context).hasFailed());
  }
}
