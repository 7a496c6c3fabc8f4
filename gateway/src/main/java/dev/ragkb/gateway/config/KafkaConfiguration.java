package dev.ragkb.gateway.config;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.ingest.JobRecorder;
import dev.ragkb.ingest.kafka.EmbeddedKafkaBroker;
import dev.ragkb.ingest.kafka.KafkaTransport;
import dev.ragkb.ingest.kafka.KafkaTransport.StageName;
import dev.ragkb.ingest.pipeline.IngestPipeline;
import dev.ragkb.ingest.pipeline.RetryPolicy;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ingestion over Kafka (the default transport): against {@code ragkb.kafka.bootstrap-servers}, or a
 * broker embedded in this process when that is unset.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragkb.ingest.transport", havingValue = "kafka", matchIfMissing = true)
class KafkaConfiguration {

  /** Where the cluster is: kept apart from the properties so a test or the embedded broker can supply it. */
  record KafkaBootstrap(String servers) {}

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${ragkb.kafka.bootstrap-servers:}'.isEmpty()")
  EmbeddedKafkaBroker embeddedKafkaBroker(RagkbProperties ragkb, KafkaProperties kafka) {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
        new EmbeddedKafkaBroker.Settings(ragkb.dataDir().resolve("kafka"), kafka.port(), kafka.partitions()));
    broker.start();
    return broker;
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnExpression("'${ragkb.kafka.bootstrap-servers:}'.isEmpty()")
  KafkaBootstrap embeddedKafkaBootstrap(EmbeddedKafkaBroker broker) {
    return new KafkaBootstrap(broker.bootstrapServers());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnExpression("!'${ragkb.kafka.bootstrap-servers:}'.isEmpty()")
  KafkaBootstrap externalKafkaBootstrap(KafkaProperties kafka) {
    return new KafkaBootstrap(kafka.bootstrapServers());
  }

  /** One platform thread per stage worker: each blocks on its consumer and runs CPU-bound stages. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService kafkaWorkerExecutor(KafkaProperties kafka) {
    return Executors.newFixedThreadPool(4 * kafka.workersPerStage(), Thread.ofPlatform().name("ingest-", 0).factory());
  }

  /**
   * Closed before the index and the broker (it depends on both), so no unit is cut off mid-write. Runs
   * the consumers of the stages of this process's roles ({@code ragkb.roles}).
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KafkaTransport kafkaTransport(IngestPipeline pipeline, ChunkIndex index, JobRecorder recorder,
      DocumentStore documents, BlobStore blobs, KafkaBootstrap bootstrap, KafkaProperties kafka,
      IngestProperties ingest, RagkbProperties ragkb, @Qualifier("kafkaWorkerExecutor") ExecutorService executor,
      Clock clock) {
    KafkaTransport transport = new KafkaTransport(pipeline, index, recorder, documents, blobs,
        new KafkaTransport.Settings(bootstrap.servers(), kafka.partitions(), (short) kafka.replicationFactor(),
            kafka.workersPerStage(), ingest.embedBatchSize(), kafka.embedLinger(),
            new RetryPolicy(ingest.maxAttempts(), ingest.initialBackoff()), stagesOf(ragkb.roles())));
    transport.start(executor, clock);
    return transport;
  }

  /** The gateway role runs no stage; ingest runs all but the embedding, which the embedder runs. */
  static Set<StageName> stagesOf(Set<RagkbProperties.Role> roles) {
    Set<StageName> stages = EnumSet.noneOf(StageName.class);
    for (RagkbProperties.Role role : roles) {
      stages.addAll(switch (role) {
        case GATEWAY -> Set.of();
        case INGEST -> Set.of(StageName.PARSE, StageName.CHUNK, StageName.INDEX);
        case EMBEDDER -> Set.of(StageName.EMBED);
      });
    }
    return stages;
  }
}
