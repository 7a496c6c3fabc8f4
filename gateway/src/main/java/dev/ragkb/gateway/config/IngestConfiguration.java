package dev.ragkb.gateway.config;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.DocumentRemover;
import dev.ragkb.ingest.JobRecorder;
import dev.ragkb.ingest.pipeline.ChunkStage;
import dev.ragkb.ingest.pipeline.EmbedStage;
import dev.ragkb.ingest.pipeline.InProcessTransport;
import dev.ragkb.ingest.pipeline.IndexStage;
import dev.ragkb.ingest.pipeline.IngestPipeline;
import dev.ragkb.ingest.pipeline.IngestionTransport;
import dev.ragkb.ingest.pipeline.ParseStage;
import dev.ragkb.ingest.pipeline.RetryPolicy;
import dev.ragkb.parsing.StructuredChunker;
import dev.ragkb.parsing.TikaDocumentParser;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ingestion pipeline and, for {@code ragkb.ingest.transport=in-process}, its transport. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  /** A parent passage holds at most this many chunks' worth of tokens (see {@link #chunker}). */
  private static final int PARENT_CHUNKS = 4;

  @Bean
  @ConditionalOnMissingBean
  TikaDocumentParser documentParser(IngestProperties properties, ParsingProperties parsing) {
    // A thread per parse, not a pool: a parse that times out and ignores its interrupt keeps its thread, and must
    // not hold a pool slot; daemon, so such a thread never blocks shutdown.
    ThreadFactory threads = Thread.ofPlatform().name("parse-", 0).daemon(true).factory();
    return new TikaDocumentParser(parsing.toSettings(properties.maxFileSize().toBytes()),
        task -> threads.newThread(task).start());
  }

  @Bean
  @ConditionalOnMissingBean
  StructuredChunker chunker(IngestProperties properties, TokenCounter tokens) {
    // Parents of four chunks: enough context around a match for the generator, while a long section without
    // headings is not copied whole into every one of its chunks.
    return new StructuredChunker(tokens, properties.chunkMaxTokens(), properties.chunkOverlapTokens(),
        PARENT_CHUNKS * properties.chunkMaxTokens());
  }

  @Bean
  IngestPipeline ingestPipeline(BlobStore blobs, TikaDocumentParser parser, StructuredChunker chunker,
      KnowledgeBaseEmbeddings embeddings, ChunkIndex index, IngestProperties properties, Clock clock) {
    return new IngestPipeline(new ParseStage(blobs, parser), new ChunkStage(chunker, clock),
        new EmbedStage(embeddings, properties.embedBatchSize()), new IndexStage(index));
  }

  /**
   * Stopped before the index closes, so no document is cut off mid-write: taking the index makes
   * Spring destroy this executor first, whichever backend provides it.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "ragkb.ingest.transport", havingValue = "in-process")
  ExecutorService ingestExecutor(IngestProperties properties, ChunkIndex index) {
    return Executors.newFixedThreadPool(properties.workers(), Thread.ofPlatform().name("ingest-", 0).factory());
  }

  @Bean
  @ConditionalOnMissingBean
  JobRecorder jobRecorder(DocumentStore documents, JobStore jobs, Clock clock) {
    return new JobRecorder(documents, jobs, clock);
  }

  @Bean
  @ConditionalOnMissingBean(IngestionTransport.class)
  @ConditionalOnProperty(name = "ragkb.ingest.transport", havingValue = "in-process")
  InProcessTransport inProcessTransport(IngestPipeline pipeline, JobRecorder recorder,
      @Qualifier("ingestExecutor") ExecutorService executor, IngestProperties properties, DocumentStore documents) {
    return new InProcessTransport(pipeline, recorder, executor,
        new RetryPolicy(properties.maxAttempts(), properties.initialBackoff()), documents);
  }

  @Bean
  DocumentIngestor documentIngestor(TikaDocumentParser parser, BlobStore blobs, DocumentStore documents, JobStore jobs,
      IngestionTransport transport, Clock clock) {
    return new DocumentIngestor(parser, blobs, documents, jobs, transport, clock, () -> UUID.randomUUID().toString());
  }

  /** Each job event stream waits on a virtual thread between looks at the job. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService jobEventsExecutor() {
    return Executors.newVirtualThreadPerTaskExecutor();
  }

  @Bean
  DocumentRemover documentRemover(DocumentStore documents, ChunkIndex index, BlobStore blobs, JobStore jobs) {
    return new DocumentRemover(documents, index, blobs, jobs);
  }

  /**
   * Documents a previous run left QUEUED or PROCESSING are ingested again once the service is up.
   * Only the in-process transport needs this: Kafka keeps undelivered messages itself.
   */
  @Bean
  @ConditionalOnProperty(name = "ragkb.ingest.transport", havingValue = "in-process")
  ApplicationListener<ApplicationReadyEvent> resumePendingDocuments(DocumentIngestor ingestor) {
    return event -> ingestor.resumePending();
  }
}
