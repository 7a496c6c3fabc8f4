package dev.ragkb.ingest.kafka;

import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import java.time.Instant;
import java.util.Objects;

/**
 * What the ingestion topics carry, one type per topic (see {@link dev.ragkb.ingest.Topics}), always
 * keyed by document id. Stage outputs travel by reference: a record names the blob that holds them,
 * so a message stays a few hundred bytes however large the document.
 */
sealed interface TopicRecord {

  /** The version every record written now carries; a reader dead-letters any other. */
  int SCHEMA_VERSION = 1;

  int schemaVersion();

  DocumentReceived document();

  /** On {@code requests}: a stored upload to parse. */
  record Request(int schemaVersion, DocumentReceived document) implements TopicRecord {
    public Request {
      Objects.requireNonNull(document, "document");
    }

    static Request of(DocumentReceived document) {
      return new Request(SCHEMA_VERSION, document);
    }
  }

  /**
   * On {@code parsed}, {@code chunked} and {@code embedded}: a stage's output, stored under {@code payloadKey}.
   *
   * @param items chunks in the payload (0 for a parsed document); the embedding stage fills its batches by it
   */
  record Payload(int schemaVersion, DocumentReceived document, String payloadKey, int items) implements TopicRecord {
    public Payload {
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(payloadKey, "payloadKey");
    }

    static Payload of(DocumentReceived document, String payloadKey, int items) {
      return new Payload(SCHEMA_VERSION, document, payloadKey, items);
    }
  }

  /**
   * On {@code dead-letters}: a document that failed for good.
   *
   * @param stage the stage that gave up: parse, chunk, embed or index
   * @param code the error's stable code
   * @param message what went wrong, fit for the client
   * @param attempts how many times the stage tried
   */
  record DeadLetter(int schemaVersion, DocumentReceived document, String stage, String code, String message,
      int attempts, Instant failedAt) implements TopicRecord {
    public DeadLetter {
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(stage, "stage");
    }
  }
}
