package dev.ragkb.core;

import java.util.Optional;

/** Jobs and their progress. Updates are atomic per call, so concurrent workers never lose a count. */
public interface JobStore {

  /** Records a new job with its document count. */
  void create(Job job);

  Optional<Job> find(String jobId);

  /**
   * Records how one document of the job ended, with its error when {@code outcome} is FAILED.
   * Idempotent per job and document, because at-least-once delivery may report an outcome twice:
   * the same outcome again changes nothing, another outcome replaces the previous one (a dead-lettered
   * document that succeeds on replay stops counting as failed).
   */
  void recordOutcome(String jobId, String documentId, Outcome outcome, Job.@org.jspecify.annotations.Nullable DocumentError error);

  /** How a document of a job ended. */
  enum Outcome {
    SUCCEEDED,
    SKIPPED,
    FAILED
  }
}
