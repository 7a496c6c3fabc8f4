package dev.ragkb.gateway.config;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.JobStore;
import dev.ragkb.indexing.onnx.OnnxEmbeddingModel;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.JobRecorder;
import dev.ragkb.ingest.pipeline.ChunkStage;
import dev.ragkb.ingest.pipeline.EmbedStage;
import dev.ragkb.ingest.pipeline.InProcessTransport;
import dev.ragkb.ingest.pipeline.IndexStage;
import dev.ragkb.ingest.pipeline.IngestPipeline;
import dev.ragkb.ingest.pipeline.IngestionTransport;
import dev.ragkb.ingest.pipeline.ParseStage;
import dev.ragkb.parsing.StructuredChunker;
import dev.ragkb.parsing.TikaDocumentParser;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedding model and the ingestion pipeline on the in-process transport. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  /** CPU-bound inference gets a bounded pool of platform threads, one per core unless configured. */
  @Bean(destroyMethod = "shutdown")
  ExecutorService embeddingExecutor(EmbeddingProperties properties) {
    int threads = properties.threads() > 0 ? properties.threads() : Runtime.getRuntime().availableProcessors();
    return Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("embed-", 0).daemon(true).factory());
  }

  @Bean
  @ConditionalOnMissingBean
  OnnxEmbeddingModel embeddingModel(EmbeddingProperties properties, @Qualifier("embeddingExecutor") ExecutorService executor) {
    return new OnnxEmbeddingModel(new OnnxEmbeddingModel.Settings(properties.model(), properties.queryInstruction()), executor);
  }

  @Bean
  @ConditionalOnMissingBean
  TikaDocumentParser documentParser(IngestProperties properties) {
    return new TikaDocumentParser(properties.maxFileSize().toBytes());
  }

  @Bean
  @ConditionalOnMissingBean
  StructuredChunker chunker(IngestProperties properties, OnnxEmbeddingModel tokens) {
    return new StructuredChunker(tokens, properties.chunkMaxTokens(), properties.chunkOverlapTokens());
  }

  @Bean
  IngestPipeline ingestPipeline(BlobStore blobs, TikaDocumentParser parser, StructuredChunker chunker,
      EmbeddingModel embeddings, ChunkIndex index, IngestProperties properties) {
    return new IngestPipeline(new ParseStage(blobs, parser), new ChunkStage(chunker),
        new EmbedStage(embeddings, properties.embedBatchSize()), new IndexStage(index));
  }

  /**
   * Stopped before the index closes, so no document is cut off mid-write: taking the index makes
   * Spring destroy this executor first, whichever backend provides it.
   */
  @Bean(destroyMethod = "close")
  ExecutorService ingestExecutor(IngestProperties properties, ChunkIndex index) {
    return Executors.newFixedThreadPool(properties.workers(), Thread.ofPlatform().name("ingest-", 0).factory());
  }

  @Bean
  @ConditionalOnMissingBean
  IngestionTransport ingestionTransport(IngestPipeline pipeline, DocumentStore documents, JobStore jobs, Clock clock,
      @Qualifier("ingestExecutor") ExecutorService executor, IngestProperties properties) {
    return new InProcessTransport(pipeline, new JobRecorder(documents, jobs, clock), executor,
        new InProcessTransport.RetryPolicy(properties.maxAttempts(), properties.initialBackoff()));
  }

  @Bean
  DocumentIngestor documentIngestor(TikaDocumentParser parser, BlobStore blobs, DocumentStore documents, JobStore jobs,
      IngestionTransport transport, Clock clock) {
    return new DocumentIngestor(parser, blobs, documents, jobs, transport, clock, () -> UUID.randomUUID().toString());
  }

  /** Documents a previous run left QUEUED or PROCESSING are ingested again once the service is up. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> resumePendingDocuments(DocumentIngestor ingestor) {
    return event -> ingestor.resumePending();
  }
}
