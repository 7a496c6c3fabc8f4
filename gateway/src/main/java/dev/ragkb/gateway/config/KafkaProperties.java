package dev.ragkb.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka transport of ingestion ({@code ragkb.ingest.transport=kafka}, the default).
 *
 * @param bootstrapServers an external cluster ({@code host:port,...}); when unset, a broker in KRaft
 *     mode runs in this process with its log under {@code ragkb.data-dir/kafka}
 * @param port the embedded broker's client port; 0 picks a free one at each start
 * @param partitions partitions of each ingestion topic created at start-up: the most workers a stage
 *     can use across all processes
 * @param replicationFactor replicas of each topic created at start-up (the embedded broker has one)
 * @param workersPerStage consumers each stage runs in this process; two, so that one embedding worker
 *     keeps the model busy while the other stores its output and talks to the broker (docs/benchmarks.md)
 * @param embedLinger how long the embedding stage waits for chunks of more documents to fill a batch
 *     of {@code ragkb.ingest.embed-batch-size}
 */
@Validated
@ConfigurationProperties("ragkb.kafka")
public record KafkaProperties(
    @Nullable String bootstrapServers,
    @DefaultValue("0") @Min(0) @Max(65535) int port,
    @DefaultValue("4") @Min(1) int partitions,
    @DefaultValue("1") @Min(1) @Max(Short.MAX_VALUE) int replicationFactor,
    @DefaultValue("2") @Min(1) int workersPerStage,
    @DefaultValue("50ms") Duration embedLinger) {}
