package dev.ragkb.gateway.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Ingestion settings.
 *
 * @param chunkMaxTokens the most word-piece tokens in a chunk; well under the embedding model's 512
 *     so a chunk is one focused passage
 * @param chunkOverlapTokens tokens repeated between consecutive chunks of a section
 * @param embedBatchSize chunks per call to the embedding model
 * @param workers documents processed at once by the in-process transport (Kafka: {@code ragkb.kafka.workers-per-stage})
 * @param maxAttempts tries per document when a stage fails with a retriable error
 * @param initialBackoff wait before the second try, doubled each time
 * @param maxFileSize the largest file accepted
 * @param transport how documents travel between the stages: {@code kafka} (topics per stage, see
 *     {@code ragkb.kafka.*}) or {@code in-process} (one executor, no broker)
 */
@Validated
@ConfigurationProperties("ragkb.ingest")
public record IngestProperties(
    @DefaultValue("256") @Min(16) int chunkMaxTokens,
    @DefaultValue("32") @Min(0) int chunkOverlapTokens,
    @DefaultValue("32") @Min(1) int embedBatchSize,
    @DefaultValue("2") @Min(1) int workers,
    @DefaultValue("3") @Min(1) int maxAttempts,
    @DefaultValue("500ms") Duration initialBackoff,
    @DefaultValue("200MB") DataSize maxFileSize,
    @DefaultValue("kafka") @Pattern(regexp = "kafka|in-process") String transport) {}
