package dev.ragkb.ingest.kafka;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.RetriableException;
import dev.ragkb.ingest.Topics;
import dev.ragkb.ingest.kafka.TopicRecord.DeadLetter;
import dev.ragkb.ingest.kafka.TopicRecord.Request;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.ingest.pipeline.IngestPipeline;
import dev.ragkb.ingest.pipeline.IngestionListener;
import dev.ragkb.ingest.pipeline.IngestionTransport;
import dev.ragkb.ingest.pipeline.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries documents through the pipeline hop by hop over Kafka: {@code requests → parse → parsed →
 * chunk → chunked → embed → embedded → index}, failures to {@code dead-letters}. Each stage is a
 * consumer group, so more workers (threads here, or other processes against the same cluster) share
 * its partitions. Delivery is at-least-once with idempotent writes.
 *
 * <p>Lifecycle: construct, {@link #start()} once (creates missing topics, starts the workers on the
 * given executor), {@link #close()} once (stops them and waits for the unit in progress).
 */
public final class KafkaTransport implements IngestionTransport, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaTransport.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Up to 16 records already read, without waiting for more: one offset commit (and, for the index,
   * one index commit) per unit instead of per record, while a crash repeats at most 16 documents.
   */
  private static final StageWorker.Batching WHAT_IS_THERE = new StageWorker.Batching(16, Duration.ZERO, r -> 1);

  /**
   * Settings.
   *
   * @param bootstrapServers the cluster ({@code host:port,...})
   * @param partitions partitions of each topic created here; the most workers a stage can use at once
   * @param replicationFactor replicas of each topic created here (1 on the embedded broker)
   * @param workersPerStage consumers each stage runs in this process
   * @param embedBatchSize chunks the embedding stage gathers, across documents, before it calls the model
   * @param embedLinger how long the embedding stage waits for more chunks to fill a batch
   * @param retry retries of a stage's retriable failures before the document is dead-lettered
   * @param stages the stages whose consumers run in this process; another process against the same
   *     cluster runs the rest (an embedder runs only {@link StageName#EMBED}), and until one does,
   *     documents wait in that stage's topic
   */
  public record Settings(String bootstrapServers, int partitions, short replicationFactor, int workersPerStage,
      int embedBatchSize, Duration embedLinger, RetryPolicy retry, Set<StageName> stages) {
    public Settings {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      stages = Set.copyOf(stages);
      if (partitions < 1 || replicationFactor < 1 || workersPerStage < 1 || embedBatchSize < 1) {
        throw new IllegalArgumentException("partitions, replicationFactor, workersPerStage and embedBatchSize must be > 0");
      }
    }
  }

  /** The stages of the pipeline, each a consumer group on its input topic. */
  public enum StageName {
    PARSE,
    CHUNK,
    EMBED,
    INDEX
  }

  /** What a replay of the dead-letter topic did. */
  public record ReplayReport(int deadLetters, int replayed) {}

  private final IngestPipeline pipeline;
  private final ChunkIndex index;
  private final IngestionListener listener;
  private final DocumentStore documents;
  private final BlobStore blobs;
  private final Settings settings;
  private final JsonCodec codec = new JsonCodec();
  private final List<StageWorker> workers = new ArrayList<>();
  private @Nullable RecordSender sender;

  public KafkaTransport(IngestPipeline pipeline, ChunkIndex index, IngestionListener listener, DocumentStore documents,
      BlobStore blobs, Settings settings) {
    this.pipeline = pipeline;
    this.index = index;
    this.listener = listener;
    this.documents = documents;
    this.blobs = blobs;
    this.settings = settings;
  }

  /**
   * Creates missing topics and starts {@code workersPerStage} consumers per stage of {@code stages} on {@code executor},
   * which needs a thread for each for as long as the transport runs.
   *
   * @throws RetriableException when the cluster cannot be reached
   */
  public synchronized void start(Executor executor, Clock clock) {
    if (sender != null) {
      throw new IllegalStateException("already started");
    }
    createTopics();
    RecordSender out = new RecordSender(new KafkaProducer<>(producerProperties()), codec);
    sender = out;
    KafkaStages stages = new KafkaStages(pipeline, index, listener, documents, new StagePayloads(blobs, codec),
        new KafkaStages.Delivery(out, codec, settings.retry(), clock));
    var embedBatching = new StageWorker.Batching(settings.embedBatchSize(), settings.embedLinger(),
        r -> codec.read(r.value(), TopicRecord.Payload.class).items());
    for (int i = 0; i < settings.workersPerStage(); i++) {
      for (StageName stage : settings.stages()) {
        workers.add(switch (stage) {
          case PARSE -> worker("parse", i, Topics.REQUESTS, Topics.PARSE_GROUP, WHAT_IS_THERE, stages::parse);
          case CHUNK -> worker("chunk", i, Topics.PARSED, Topics.CHUNK_GROUP, WHAT_IS_THERE, stages::chunk);
          case EMBED -> worker("embed", i, Topics.CHUNKED, Topics.EMBED_GROUP, embedBatching, stages::embed);
          case INDEX -> worker("index", i, Topics.EMBEDDED, Topics.INDEX_GROUP, WHAT_IS_THERE, stages::index);
        });
      }
    }
    workers.forEach(executor::execute);
    log.info("Kafka ingestion started on {}: {} workers for each of the stages {}", settings.bootstrapServers(),
        settings.workersPerStage(), new TreeSet<>(settings.stages()));
  }

  private StageWorker worker(String stage, int n, String topic, String group, StageWorker.Batching batching,
      StageWorker.Handler handler) {
    return new StageWorker(stage + "-" + n, new KafkaConsumer<>(consumerProperties(group)), topic, batching, handler,
        settings.retry().initialBackoff());
  }

  /**
   * Writes the document to the requests topic and returns once the broker has it: from then on it
   * survives a crash of this process.
   *
   * @throws RetriableException when the broker does not take it
   */
  @Override
  public void submit(DocumentReceived document) {
    started().send(Topics.REQUESTS, Request.of(document));
  }

  /**
   * Re-drives the dead letters written since the last replay: each one still current (see {@code
   * requeue}) goes back to the requests topic; the others are passed over. Replays are not run
   * concurrently with each other.
   *
   * @param requeue makes the dead-lettered document pending again; false when the letter is out of date
   */
  public synchronized ReplayReport replayDeadLetters(Predicate<DocumentReceived> requeue) {
    RecordSender out = started();
    int seen = 0;
    int replayed = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(Topics.REPLAY_GROUP))) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue;
          }
          seen++;
          DeadLetter letter = codec.read(r.value(), DeadLetter.class);
          if (requeue.test(letter.document())) {
            out.send(Topics.REQUESTS, Request.of(letter.document()));
            replayed++;
          }
          done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
      }
      consumer.commitSync(done);
    }
    log.info("replayed {} of {} dead letters", replayed, seen);
    return new ReplayReport(seen, replayed);
  }

  private RecordSender started() {
    RecordSender out = sender;
    if (out == null) {
      throw new IllegalStateException("the Kafka transport is not started");
    }
    return out;
  }

  private void createTopics() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, settings.partitions(), settings.replicationFactor())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new RetriableException("cannot create the ingestion topics on " + settings.bootstrapServers(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while creating topics", e);
    }
  }

  private Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  private Properties consumerProperties(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Each record is a reference worth seconds of work at most; small polls keep redelivery after a
    // crash small and the poll interval far from its limit.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(10, settings.embedBatchSize())));
    // A crashed worker holds its partitions until its session expires (45 s by default) and a restarted
    // one waits for that; 6 s is the least a broker accepts by default (group.min.session.timeout.ms).
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1500");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  /** Stops the workers, waiting for each to finish the unit in progress, then closes the producer. */
  @Override
  public synchronized void close() throws InterruptedException {
    workers.forEach(StageWorker::stop);
    for (StageWorker w : workers) {
      if (!w.awaitStopped(STOP_TIMEOUT)) {
        log.warn("a stage worker did not stop within {}; its unit will be delivered again", STOP_TIMEOUT);
      }
    }
    workers.clear();
    if (sender != null) {
      sender.close();
      sender = null;
    }
  }
}
