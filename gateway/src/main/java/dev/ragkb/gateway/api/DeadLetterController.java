package dev.ragkb.gateway.api;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.gateway.api.ApiModels.ReplayView;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.kafka.KafkaTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter topic: documents that failed for good, re-driven on request once the cause is fixed. */
@RestController
class DeadLetterController {

  private final ObjectProvider<KafkaTransport> kafka;
  private final DocumentIngestor ingestor;

  DeadLetterController(ObjectProvider<KafkaTransport> kafka, DocumentIngestor ingestor) {
    this.kafka = kafka;
    this.ingestor = ingestor;
  }

  /**
   * Sends every dead letter written since the last replay back through the pipeline, in its original
   * job, unless the document was deleted, replaced or replayed since. Their jobs count them again.
   */
  @PostMapping("/v1/dead-letters/replay")
  ReplayView replay() {
    KafkaTransport transport = kafka.getIfAvailable();
    if (transport == null) {
      throw new InvalidRequestException("dead letters exist only with ragkb.ingest.transport=kafka");
    }
    var report = transport.replayDeadLetters(ingestor::requeue);
    return new ReplayView(report.deadLetters(), report.replayed());
  }
}
