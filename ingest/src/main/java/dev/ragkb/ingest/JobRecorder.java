package dev.ragkb.ingest;

import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStore;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.ingest.pipeline.IngestionListener;
import java.time.Clock;

/** Writes each document's progress to the metadata store and counts it in its job. */
public final class JobRecorder implements IngestionListener {

  private final DocumentStore documents;
  private final JobStore jobs;
  private final Clock clock;

  public JobRecorder(DocumentStore documents, JobStore jobs, Clock clock) {
    this.documents = documents;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public void started(DocumentReceived d) {
    documents.find(d.kbId(), d.documentId())
        .ifPresent(doc -> documents.save(doc.withStatus(DocumentStatus.PROCESSING, null, doc.chunkCount(), clock.instant())));
  }

  @Override
  public void indexed(DocumentIndexed indexed) {
    DocumentReceived d = indexed.received();
    documents.find(d.kbId(), d.documentId())
        .ifPresent(doc -> documents.save(
            doc.withTitle(indexed.title()).withStatus(DocumentStatus.INDEXED, null, indexed.chunkCount(), clock.instant())));
    jobs.recordOutcome(d.jobId(), d.documentId(), JobStore.Outcome.SUCCEEDED, null);
  }

  @Override
  public void failed(DocumentReceived d, String code, String message) {
    documents.find(d.kbId(), d.documentId())
        .ifPresent(doc -> documents.save(doc.withStatus(DocumentStatus.FAILED, message, doc.chunkCount(), clock.instant())));
    jobs.recordOutcome(d.jobId(), d.documentId(), JobStore.Outcome.FAILED, new Job.DocumentError(d.documentId(), d.source(), code, message));
  }
}
