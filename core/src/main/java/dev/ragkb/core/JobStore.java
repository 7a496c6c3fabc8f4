package dev.ragkb.core;

import java.util.Optional;

/** Jobs and their progress. Updates are atomic per call, so concurrent workers never lose a count. */
public interface JobStore {

  /** Records a new job with its document count. */
  void create(Job job);

  Optional<Job> find(String jobId);

  /** Counts one finished document of the job, with its error when {@code outcome} is FAILED. */
  void recordOutcome(String jobId, Outcome outcome, Job.@org.jspecify.annotations.Nullable DocumentError error);

  /** How a document of a job ended. */
  enum Outcome {
    SUCCEEDED,
    SKIPPED,
    FAILED
  }
}
