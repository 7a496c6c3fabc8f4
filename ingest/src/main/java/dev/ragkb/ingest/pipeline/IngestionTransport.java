package dev.ragkb.ingest.pipeline;

import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;

/**
 * Carries received documents through the pipeline. The embedded default runs the stages in process;
 * the Kafka transport carries each hop through a topic. Either reports every document's end to the
 * {@link IngestionListener} exactly once per delivery.
 */
public interface IngestionTransport {

  /**
   * Queues a document and returns without waiting for it to be processed; the document's outcome
   * reaches the listener later. Over Kafka it returns once the broker holds the request, so an
   * acknowledged upload survives a crash.
   */
  void submit(DocumentReceived document);
}
