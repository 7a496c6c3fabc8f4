package dev.ragkb.ingest;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.NotFoundException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes a document from every store: its metadata, its chunks and vectors, and its blobs. */
public final class DocumentRemover {

  private static final Logger log = LoggerFactory.getLogger(DocumentRemover.class);

  private final DocumentStore documents;
  private final ChunkIndex index;
  private final BlobStore blobs;
  private final JobStore jobs;

  public DocumentRemover(DocumentStore documents, ChunkIndex index, BlobStore blobs, JobStore jobs) {
    this.documents = documents;
    this.index = index;
    this.blobs = blobs;
    this.jobs = jobs;
  }

  /**
   * Deletes the document. The metadata goes first: from then on the pipeline drops whatever of the
   * document is still in flight. Index and blobs are cleaned even when the metadata is already gone,
   * so calling again finishes a delete that a crash interrupted.
   *
   * @throws NotFoundException when the knowledge base holds no such document (after the clean-up)
   */
  public void delete(KnowledgeBase kb, String documentId) {
    Optional<Document> doc = documents.find(kb.id(), documentId);
    documents.delete(kb.id(), documentId);
    index.deleteDocument(kb.id(), documentId);
    blobs.deleteAll(BlobKeys.documentPrefix(kb.id(), documentId));
    Document d = doc.orElseThrow(() -> new NotFoundException("no document " + documentId + " in knowledge base " + kb.name()));
    if (d.status().inFlight()) {
      // its job would otherwise wait forever for an outcome
      jobs.recordOutcome(d.jobId(), d.id(), JobStore.Outcome.FAILED,
          new Job.DocumentError(d.id(), d.source(), "deleted", "the document was deleted before it was indexed"));
    }
    log.info("deleted document={} kb={}", documentId, kb.name());
  }
}
