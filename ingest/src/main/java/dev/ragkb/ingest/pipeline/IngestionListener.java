package dev.ragkb.ingest.pipeline;

import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;

/** Hears how each document's ingestion ends. Implementations are thread-safe. */
public interface IngestionListener {

  /** Processing of a document starts (possibly again, after a restart). */
  void started(DocumentReceived document);

  void indexed(DocumentIndexed document);

  /**
   * The document cannot be ingested: a permanent error, or retries ran out.
   *
   * @param code the error's stable code ({@code RagkbException.code()}, or {@code internal_error})
   * @param message what went wrong, fit for the client: no stack trace, no document content
   */
  void failed(DocumentReceived document, String code, String message);
}
