package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.RagkbException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded transport: runs the whole pipeline for each document on an executor, retrying
 * retriable failures with exponential backoff. Nothing is lost on a crash because the document
 * stays QUEUED or PROCESSING in the metadata store and is submitted again at start-up.
 */
public final class InProcessTransport implements IngestionTransport {

  private static final Logger log = LoggerFactory.getLogger(InProcessTransport.class);

  private final IngestPipeline pipeline;
  private final IngestionListener listener;
  private final Executor executor;
  private final RetryPolicy retry;

  public InProcessTransport(IngestPipeline pipeline, IngestionListener listener, Executor executor, RetryPolicy retry) {
    this.pipeline = pipeline;
    this.listener = listener;
    this.executor = executor;
    this.retry = retry;
  }

  @Override
  public void submit(DocumentReceived document) {
    executor.execute(() -> process(document));
  }

  private void process(DocumentReceived document) {
    listener.started(document);
    Duration backoff = retry.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        listener.indexed(pipeline.run(document));
        return;
      } catch (RetriableException e) {
        if (attempt >= retry.maxAttempts()) {
          log.warn("giving up on document={} kb={} after {} attempts", document.documentId(), document.kbId(), attempt, e);
          listener.failed(document, e.code(), e.getMessage());
          return;
        }
        if (!sleep(backoff)) {
          return; // shutting down: the document stays pending and is resumed at the next start
        }
        backoff = backoff.multipliedBy(2);
      } catch (RagkbException e) {
        log.info("document={} kb={} failed: {}", document.documentId(), document.kbId(), e.getMessage());
        listener.failed(document, e.code(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.error("unexpected failure ingesting document={} kb={}", document.documentId(), document.kbId(), e);
        listener.failed(document, "internal_error", "unexpected error while ingesting (" + e.getClass().getSimpleName() + ")");
        return;
      }
    }
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
