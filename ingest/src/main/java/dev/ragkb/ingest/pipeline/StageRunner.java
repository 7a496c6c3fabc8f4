package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.RagkbException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a stage's work for one document under the rules every transport shares, so that a stage is
 * added in one place whatever carries the documents: the work runs only while the metadata still
 * waits for this version of the document (the currency gate: a document deleted, replaced, finished
 * or failed meanwhile is dropped); retriable failures are tried again after the {@link RetryPolicy}'s
 * doubling backoff; when the tries run out, or at once for a permanent failure, the document fails
 * through the transport's {@link Failures} (the Kafka transport dead-letters it), unless it stopped
 * being current meanwhile. While it runs, the logging context (MDC) holds {@code jobId} and {@code
 * documentId}. Thread-safe.
 */
public final class StageRunner {

  private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

  /** A stage's work for one document; it may throw anything. */
  @FunctionalInterface
  public interface Work {
    void run();
  }

  /** How a transport gives up on a document: it reports the failure (and may dead-letter the document). */
  @FunctionalInterface
  public interface Failures {
    void fail(String stage, DocumentReceived document, String code, String message, int attempts);
  }

  /**
   * Thrown when the thread is interrupted while backing off (the service is stopping): the document
   * is left unfinished, neither done nor failed, for the transport to deliver again.
   */
  public static final class Interrupted extends RetriableException {
    Interrupted(InterruptedException cause) {
      super("interrupted while backing off", cause);
    }
  }

  private final RetryPolicy retry;
  private final DocumentStore documents;
  private final Failures failures;

  public StageRunner(RetryPolicy retry, DocumentStore documents, Failures failures) {
    this.retry = retry;
    this.documents = documents;
    this.failures = failures;
  }

  /**
   * Runs {@code work} while {@code document} {@link #isCurrent is current}.
   *
   * @throws Interrupted when interrupted while backing off
   */
  public void run(String stage, DocumentReceived document, Work work) {
    run(stage, document, this::isCurrent, work);
  }

  /**
   * Runs {@code work} while {@code gate} holds for the document, checked before every try.
   *
   * @throws Interrupted when interrupted while backing off
   */
  public void run(String stage, DocumentReceived d, Predicate<DocumentReceived> gate, Work work) {
    // the job and document name every log line of the stage, the libraries' included
    try (var job = MDC.putCloseable("jobId", d.jobId()); var document = MDC.putCloseable("documentId", d.documentId())) {
      runLogged(stage, d, gate, work);
    }
  }

  private void runLogged(String stage, DocumentReceived d, Predicate<DocumentReceived> gate, Work work) {
    Duration backoff = retry.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        if (gate.test(d)) {
          work.run();
        }
        return;
      } catch (RetriableException e) {
        if (attempt >= retry.maxAttempts()) {
          log.warn("giving up on document={} kb={} at {} after {} attempts", d.documentId(), d.kbId(), stage, attempt, e);
          failIfCurrent(stage, d, e.code(), e.getMessage(), attempt);
          return;
        }
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      } catch (RagkbException e) {
        if (failIfCurrent(stage, d, e.code(), e.getMessage(), attempt)) {
          log.info("document={} kb={} failed at {}: {}", d.documentId(), d.kbId(), stage, e.getMessage());
        }
        return;
      } catch (RuntimeException e) {
        log.error("unexpected failure at {} of document={} kb={}", stage, d.documentId(), d.kbId(), e);
        failIfCurrent(stage, d, "internal_error",
            "unexpected error while ingesting (" + e.getClass().getSimpleName() + ")", attempt);
        return;
      }
    }
  }

  /** Whether the metadata still waits for this version of the document from this job. */
  public boolean isCurrent(DocumentReceived d) {
    return statusOfThisVersion(d).filter(DocumentStatus::inFlight).isPresent();
  }

  /**
   * Whether the index stage still owes this version its write and its job's outcome: while current,
   * and also once recorded indexed, because the document's status is written before its job's
   * outcome and a redelivery after a crash between the two must still tell the job (the repeated
   * write is idempotent).
   */
  public boolean awaitsIndexing(DocumentReceived d) {
    return statusOfThisVersion(d).filter(s -> s.inFlight() || s == DocumentStatus.INDEXED).isPresent();
  }

  /** @return whether it failed the document (else the document stopped being current and is only dropped) */
  private boolean failIfCurrent(String stage, DocumentReceived d, String code, String message, int attempts) {
    if (!isCurrent(d)) {
      return false;
    }
    failures.fail(stage, d, code, message, attempts);
    return true;
  }

  /** The stored status, when the stored record names this version (content and job) of the document. */
  private Optional<DocumentStatus> statusOfThisVersion(DocumentReceived d) {
    return documents.find(d.kbId(), d.documentId())
        .filter(doc -> doc.contentHash().equals(d.contentHash()) && doc.jobId().equals(d.jobId()))
        .map(Document::status);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(e);
    }
  }
}
