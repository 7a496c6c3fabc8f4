package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import dev.ragkb.indexing.lucene.LuceneIndex;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ElasticsearchConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ElasticsearchProperties.class, RagkbProperties.class, LuceneProperties.class, MilvusProperties.class})
  static class Properties {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(Properties.class, ElasticsearchConfiguration.class, StorageConfiguration.class,
          IndexConfiguration.class)
      .withPropertyValues("ragkb.data-dir=target/elasticsearch-configuration-test");

  @Test
  void indexesInLuceneByDefault() {
    runner.run(context -> assertThat(context)
        .hasSingleBean(LuceneIndex.class)
        .doesNotHaveBean(ElasticsearchIndex.class));
  }

  @Test
  void indexesInElasticsearchWhenChosen() {
    runner.withPropertyValues("ragkb.index.backend=elasticsearch").run(context -> {
      assertThat(context).hasSingleBean(ElasticsearchIndex.class).doesNotHaveBean(LuceneIndex.class);
      assertThat(context).getBeans(ChunkIndex.class).hasSize(1);
      assertThat(context).getBeans(TextIndex.class).hasSize(1);
      assertThat(context).getBeans(VectorIndex.class).hasSize(1);
    });
  }

  @Test
  void bindsTheClusterSettings() {
    runner.withPropertyValues("ragkb.index.backend=elasticsearch", "ragkb.elasticsearch.url=https://es.internal:9243",
            "ragkb.elasticsearch.replicas=0", "ragkb.elasticsearch.socket-timeout=2m",
            "ragkb.elasticsearch.analyzers.en=stop")
        .run(context -> {
          var settings = context.getBean(ElasticsearchProperties.class).toSettings();
          assertThat(settings.url()).isEqualTo(URI.create("https://es.internal:9243"));
          assertThat(settings.replicas()).isZero();
          assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(settings.analyzers()).isEqualTo(Map.of("en", "stop"));
          assertThat(settings.indexPrefix()).isEqualTo("ragkb-");
        });
  }

  @Test
  void refusesSettingsThatCannotWork() {
    runner.withPropertyValues("ragkb.index.backend=elasticsearch", "ragkb.elasticsearch.num-candidates=0")
        .run(context -> assertThat(context).hasFailed());
  }
}
