package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.ingest.kafka.KafkaTransport.StageName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class KafkaConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RagkbProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Test
  void aProcessPlaysEveryRoleAndRunsEveryStageByDefault() {
    runner.run(context -> {
      RagkbProperties p = context.getBean(RagkbProperties.class);
      assertThat(KafkaConfiguration.stagesOf(p.roles())).containsExactlyInAnyOrder(StageName.values());
      assertThat(p.blobs()).isEqualTo(p.dataDir().resolve("blobs"));
    });
  }

  @Test
  void anEmbedderRunsOnlyTheEmbedStageAndAGatewayWithIngestAllTheOthers() {
    runner.withPropertyValues("ragkb.roles=embedder", "ragkb.blob-dir=/mnt/shared/blobs").run(context -> {
      RagkbProperties p = context.getBean(RagkbProperties.class);
      assertThat(KafkaConfiguration.stagesOf(p.roles())).containsExactly(StageName.EMBED);
      assertThat(p.blobs()).isEqualTo(Path.of("/mnt/shared/blobs"));
    });
    runner.withPropertyValues("ragkb.roles=gateway,ingest").run(context -> assertThat(
        KafkaConfiguration.stagesOf(context.getBean(RagkbProperties.class).roles()))
        .containsExactlyInAnyOrder(StageName.PARSE, StageName.CHUNK, StageName.INDEX));
    runner.withPropertyValues("ragkb.roles=gateway").run(context -> assertThat(
        KafkaConfiguration.stagesOf(context.getBean(RagkbProperties.class).roles())).isEmpty());
  }

  @Test
  void refusesAnUnknownRole() {
    runner.withPropertyValues("ragkb.roles=reranker").run(context -> assertThat(context).hasFailed());
  }
}
