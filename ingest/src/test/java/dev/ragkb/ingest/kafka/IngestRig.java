package dev.ragkb.ingest.kafka;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.DocumentRemover;
import dev.ragkb.ingest.JobRecorder;
import dev.ragkb.ingest.blob.FileBlobStore;
import dev.ragkb.ingest.pipeline.ChunkStage;
import dev.ragkb.ingest.pipeline.EmbedStage;
import dev.ragkb.ingest.pipeline.IndexStage;
import dev.ragkb.ingest.pipeline.IngestPipeline;
import dev.ragkb.ingest.pipeline.ParseStage;
import dev.ragkb.ingest.pipeline.RetryPolicy;
import dev.ragkb.metadata.jdbc.JdbcDocumentStore;
import dev.ragkb.metadata.jdbc.JdbcJobStore;
import dev.ragkb.metadata.jdbc.JdbcKnowledgeBaseStore;
import dev.ragkb.parsing.StructuredChunker;
import dev.ragkb.parsing.TikaDocumentParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The whole ingestion side wired as the service wires it, on the embedded broker, with everything
 * under one data directory: H2 metadata, Lucene index, blobs and the Kafka log. Restartable on the
 * same directory. Tests and the crash test's child JVM use it.
 */
final class IngestRig implements AutoCloseable {

  static final String KB_NAME = "crash";
  static final String KB_ID = UUID.nameUUIDFromBytes(KB_NAME.getBytes(StandardCharsets.UTF_8)).toString();

  /** Counts a chunk as its words: cheap, deterministic, and enough to cut several chunks per document. */
  private static final int CHUNK_MAX_WORDS = 40;

  final Path dataDir;
  final EmbeddedKafkaBroker broker;
  final JdbcConnectionPool dataSource;
  final JdbcDocumentStore documents;
  final JdbcJobStore jobs;
  final JdbcKnowledgeBaseStore knowledgeBases;
  final FileBlobStore blobs;
  final LuceneIndex index;
  final KafkaTransport transport;
  final DocumentIngestor ingestor;
  final DocumentRemover remover;
  private final ExecutorService workers;
  private final ExecutorService parsing = Executors.newVirtualThreadPerTaskExecutor();

  IngestRig(Path dataDir, EmbeddingModel model, int workersPerStage) {
    this(dataDir, model, workersPerStage, UnaryOperator.identity());
  }

  /** @param recorderJobs wraps the job store the pipeline records outcomes in, to inject its failures */
  IngestRig(Path dataDir, EmbeddingModel model, int workersPerStage, UnaryOperator<JobStore> recorderJobs) {
    this.dataDir = dataDir;
    Clock clock = Clock.systemUTC();
    broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBroker.Settings(dataDir.resolve("kafka"), 0, 4));
    broker.start();
    dataSource = JdbcConnectionPool.create("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("metadata/ragkb")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0", "ragkb", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    documents = new JdbcDocumentStore(dataSource);
    jobs = new JdbcJobStore(dataSource, clock);
    knowledgeBases = new JdbcKnowledgeBaseStore(dataSource);
    blobs = new FileBlobStore(dataDir.resolve("blobs"));
    index = new LuceneIndex(dataDir.resolve("index"), kbId -> "en");
    TikaDocumentParser parser = new TikaDocumentParser(TikaDocumentParser.Settings.defaults(10_000_000), parsing);
    StructuredChunker chunker = new StructuredChunker(text -> text.split("\\s+").length, CHUNK_MAX_WORDS, 5);
    IngestPipeline pipeline = new IngestPipeline(new ParseStage(blobs, parser), new ChunkStage(chunker, clock),
        new EmbedStage(kbId -> model, 16), new IndexStage(index));
    transport = new KafkaTransport(pipeline, index, new JobRecorder(documents, recorderJobs.apply(jobs), clock), documents, blobs,
        new KafkaTransport.Settings(broker.bootstrapServers(), 4, (short) 1, workersPerStage, 16, Duration.ofMillis(20),
            new RetryPolicy(3, Duration.ofMillis(10)), EnumSet.allOf(KafkaTransport.StageName.class)));
    workers = Executors.newFixedThreadPool(4 * workersPerStage);
    transport.start(workers, clock);
    ingestor = new DocumentIngestor(parser, blobs, documents, jobs, transport, clock, () -> UUID.randomUUID().toString());
    remover = new DocumentRemover(documents, index, blobs, jobs);
  }

  /** The test knowledge base, created on first use. */
  KnowledgeBase knowledgeBase() {
    return knowledgeBases.findByName(KB_NAME).orElseGet(() -> {
      KnowledgeBase kb = new KnowledgeBase(KB_ID, KB_NAME, "en",
          "hashing", Instant.now());
      knowledgeBases.create(kb);
      return kb;
    });
  }

  @Override
  public void close() throws Exception {
    transport.close();
    workers.shutdownNow();
    parsing.shutdownNow();
    index.close();
    broker.close();
    dataSource.dispose();
  }
}
