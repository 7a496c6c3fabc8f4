package dev.ragkb.ingest.kafka;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.RagkbException;
import dev.ragkb.ingest.Topics;
import dev.ragkb.ingest.kafka.TopicRecord.DeadLetter;
import dev.ragkb.ingest.kafka.TopicRecord.Payload;
import dev.ragkb.ingest.kafka.TopicRecord.Request;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.ingest.pipeline.IngestPipeline;
import dev.ragkb.ingest.pipeline.IngestionListener;
import dev.ragkb.ingest.pipeline.RetryPolicy;
import dev.ragkb.ingest.pipeline.StageRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each stage worker does with the records it reads: run the stage, store its output, write the
 * reference to the next topic. A document whose metadata no longer names this version and job (it
 * was deleted, replaced, already finished or dead-lettered) is dropped, which makes a delivery
 * repeated after a crash cheap and keeps an old version from overwriting a newer one.
 */
final class KafkaStages {

  private static final Logger log = LoggerFactory.getLogger(KafkaStages.class);

  private final IngestPipeline pipeline;
  private final ChunkIndex index;
  private final IngestionListener listener;
  private final DocumentStore documents;
  private final StagePayloads payloads;
  private final Delivery delivery;
  private final StageRunner runner;

  /** Where records go and how failures are retried; grouped to keep the constructor small. */
  record Delivery(RecordSender sender, JsonCodec codec, RetryPolicy retry, Clock clock) {}

  KafkaStages(IngestPipeline pipeline, ChunkIndex index, IngestionListener listener, DocumentStore documents,
      StagePayloads payloads, Delivery delivery) {
    this.pipeline = pipeline;
    this.index = index;
    this.listener = listener;
    this.documents = documents;
    this.payloads = payloads;
    this.delivery = delivery;
    this.runner = new StageRunner(delivery.retry(), documents, this::deadLetter);
  }

  void parse(List<ConsumerRecord<String, byte[]>> unit) {
    for (ConsumerRecord<String, byte[]> r : unit) {
      Optional<Request> request = decode(r, Request.class);
      request.ifPresent(q -> runner.run("parse", q.document(), () -> {
        DocumentReceived d = q.document();
        listener.started(d);
        DocumentParsed parsed = pipeline.parse().run(d);
        String key = payloads.putParsed(d, parsed.parsed());
        delivery.sender().send(Topics.PARSED, Payload.of(d, key, 0));
      }));
    }
  }

  void chunk(List<ConsumerRecord<String, byte[]>> unit) {
    for (ConsumerRecord<String, byte[]> r : unit) {
      decode(r, Payload.class).ifPresent(p -> runner.run("chunk", p.document(), () -> {
        DocumentReceived d = p.document();
        DocumentChunked chunked = pipeline.chunk().run(new DocumentParsed(d, payloads.parsed(p.payloadKey())));
        String key = payloads.putChunked(chunked);
        delivery.sender().send(Topics.CHUNKED, Payload.of(d, key, chunked.chunks().size()));
      }));
    }
  }

  /** Embeds the chunks of every document in the unit together, in full batches. */
  void embed(List<ConsumerRecord<String, byte[]>> unit) {
    inBatch("embed", runner::isCurrent, payloads(unit, runner::isCurrent),
        batch -> pipeline.embed().runAll(batch.stream().map(this::chunked).toList()).forEach(this::sendEmbedded),
        p -> sendEmbedded(pipeline.embed().run(chunked(p))));
  }

  /** Writes every document of the unit to the index with one commit. */
  void index(List<ConsumerRecord<String, byte[]>> unit) {
    inBatch("index", runner::awaitsIndexing, payloads(unit, runner::awaitsIndexing),
        batch -> pipeline.index().runAll(batch.stream().map(this::embedded).toList()).forEach(this::indexed),
        p -> indexed(pipeline.index().run(embedded(p))));
  }

  /** The unit's readable payloads whose documents still {@code need} this stage. */
  private List<Payload> payloads(List<ConsumerRecord<String, byte[]>> unit, Predicate<DocumentReceived> need) {
    List<Payload> current = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : unit) {
      decode(r, Payload.class).filter(p -> need.test(p.document())).ifPresent(current::add);
    }
    return current;
  }

  /**
   * Runs the batch; when it fails, tries each document alone with retries, so one bad document is
   * dead-lettered without its neighbours (whose repeated writes are idempotent).
   */
  private void inBatch(String stage, Predicate<DocumentReceived> need, List<Payload> batch, Consumer<List<Payload>> all,
      Consumer<Payload> one) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      all.accept(batch);
    } catch (RuntimeException e) {
      log.info("{} of a batch of {} documents failed ({}); trying them one by one", stage, batch.size(), e.toString());
      for (Payload p : batch) {
        runner.run(stage, p.document(), need, () -> one.accept(p));
      }
    }
  }

  private DocumentChunked chunked(Payload p) {
    return payloads.chunked(p.document(), p.payloadKey());
  }

  private DocumentEmbedded embedded(Payload p) {
    return payloads.embedded(p.document(), p.payloadKey());
  }

  private void sendEmbedded(DocumentEmbedded e) {
    String key = payloads.putEmbedded(e);
    delivery.sender().send(Topics.EMBEDDED, Payload.of(e.received(), key, e.chunks().size()));
  }

  private void indexed(DocumentIndexed indexed) {
    DocumentReceived d = indexed.received();
    if (!runner.awaitsIndexing(d)) {
      // Deleted or replaced while the write was under way. A delete's own clean-up may have run
      // before the write, so undo it; a newer version replaces these chunks when it arrives.
      if (documents.find(d.kbId(), d.documentId()).isEmpty()) {
        index.deleteDocument(d.kbId(), d.documentId());
      }
      return;
    }
    listener.indexed(indexed);
    payloads.deleteDerived(d);
  }

  /**
   * Sends a document to the dead-letter topic and reports the failure; the caller commits after this.
   *
   * @throws dev.ragkb.core.RetriableException when the dead-letter topic cannot be written: the unit comes again
   */
  private void deadLetter(String stage, DocumentReceived d, String code, String message, int attempts) {
    delivery.sender().send(Topics.DEAD_LETTERS, new DeadLetter(TopicRecord.SCHEMA_VERSION, d, stage, code, message,
        attempts, delivery.clock().instant()));
    listener.failed(d, code, message);
  }

  /** An unreadable record cannot be retried; with no document to name, it is logged and skipped. */
  private <T extends TopicRecord> Optional<T> decode(ConsumerRecord<String, byte[]> r, Class<T> type) {
    try {
      T value = delivery.codec().read(r.value(), type);
      if (value.schemaVersion() != TopicRecord.SCHEMA_VERSION) {
        log.error("skipped {} at {}-{}@{} (document={}): schema version {}, this build reads {}", type.getSimpleName(),
            r.topic(), r.partition(), r.offset(), r.key(), value.schemaVersion(), TopicRecord.SCHEMA_VERSION);
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (RagkbException e) {
      log.error("skipped an unreadable record at {}-{}@{} (document={}): {}", r.topic(), r.partition(), r.offset(),
          r.key(), e.getMessage());
      return Optional.empty();
    }
  }
}
