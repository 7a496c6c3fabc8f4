package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.DocumentStore;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import java.util.concurrent.Executor;

/**
 * The embedded transport: runs the whole pipeline for each document on an executor, under the
 * {@link StageRunner}'s rules (currency gate, retries, failures reported to the listener). Nothing
 * is lost on a crash because the document stays QUEUED or PROCESSING in the metadata store and is
 * submitted again at start-up.
 */
public final class InProcessTransport implements IngestionTransport {

  private final IngestPipeline pipeline;
  private final IngestionListener listener;
  private final Executor executor;
  private final StageRunner runner;

  public InProcessTransport(IngestPipeline pipeline, IngestionListener listener, Executor executor, RetryPolicy retry,
      DocumentStore documents) {
    this.pipeline = pipeline;
    this.listener = listener;
    this.executor = executor;
    this.runner = new StageRunner(retry, documents,
        (stage, document, code, message, attempts) -> listener.failed(document, code, message));
  }

  @Override
  public void submit(DocumentReceived document) {
    executor.execute(() -> process(document));
  }

  private void process(DocumentReceived document) {
    try {
      runner.run("pipeline", document, () -> {
        listener.started(document);
        listener.indexed(pipeline.run(document));
      });
    } catch (StageRunner.Interrupted e) {
      // shutting down: the document stays pending and is resumed at the next start
    }
  }
}
