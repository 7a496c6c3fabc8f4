package dev.ragkb.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A batch of documents being ingested.
 *
 * @param id job id
 * @param kbId target knowledge base
 * @param status derived from the counts: see {@link #statusOf}
 * @param total documents in the job
 * @param succeeded documents indexed
 * @param skipped documents whose content was unchanged
 * @param failed documents that could not be ingested
 * @param errors one entry per failed document
 * @param createdAt when it was submitted
 * @param updatedAt last progress
 */
public record Job(
    String id,
    String kbId,
    JobStatus status,
    int total,
    int succeeded,
    int skipped,
    int failed,
    List<DocumentError> errors,
    Instant createdAt,
    Instant updatedAt) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    errors = List.copyOf(errors);
  }

  /** A per-document failure. */
  public record DocumentError(String documentId, String source, String code, String message) {}

  public int done() {
    return succeeded + skipped + failed;
  }

  /** The status the counts imply. */
  public static JobStatus statusOf(int total, int succeeded, int skipped, int failed) {
    int done = succeeded + skipped + failed;
    if (done < total) {
      return done == 0 ? JobStatus.QUEUED : JobStatus.RUNNING;
    }
    if (failed == 0) {
      return JobStatus.SUCCEEDED;
    }
    return failed == total ? JobStatus.FAILED : JobStatus.PARTIALLY_FAILED;
  }
}
