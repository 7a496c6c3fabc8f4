package dev.ragkb.ingest;

import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStore;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.ingest.pipeline.IngestionListener;
import java.time.Clock;

/**
 * Writes each document's progress to the metadata store and counts it in its job. Status moves only
 * forward (QUEUED, PROCESSING, then INDEXED or FAILED) and only for the version and job the message
 * names, so repeated and late deliveries change nothing. The job's outcome is recorded before the
 * final status: a crash in between leaves the document in flight, its message is delivered again,
 * and the outcome, idempotent, is recorded again.
 */
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
        .ifPresent(doc -> documents.saveIf(
            version(doc, d).withStatus(DocumentStatus.PROCESSING, null, doc.chunkCount(), clock.instant()), DocumentStatus.IN_FLIGHT));
  }

  @Override
  public void indexed(DocumentIndexed indexed) {
    DocumentReceived d = indexed.received();
    // The document first, then its job: a client that sees the job done and uploads the same file
    // again must find the document indexed, so that the upload is skipped. A crash between the two
    // writes redelivers the message, and the pipeline records the outcome again (KafkaStages).
    documents.find(d.kbId(), d.documentId())
        .ifPresent(doc -> documents.saveIf(version(doc, d).withTitle(indexed.title())
            .withStatus(DocumentStatus.INDEXED, null, indexed.chunkCount(), clock.instant()), DocumentStatus.IN_FLIGHT));
    jobs.recordOutcome(d.jobId(), d.documentId(), JobStore.Outcome.SUCCEEDED, null);
  }

  @Override
  public void failed(DocumentReceived d, String code, String message) {
    jobs.recordOutcome(d.jobId(), d.documentId(), JobStore.Outcome.FAILED,
        new Job.DocumentError(d.documentId(), d.source(), code, message));
    documents.find(d.kbId(), d.documentId())
        .ifPresent(doc -> documents.saveIf(
            version(doc, d).withStatus(DocumentStatus.FAILED, message, doc.chunkCount(), clock.instant()), DocumentStatus.IN_FLIGHT));
  }

  /** The stored record with the message's version and job, so that saveIf matches only that version. */
  private static Document version(Document stored, DocumentReceived d) {
    return stored.withVersion(d.contentHash(), d.jobId());
  }
}
