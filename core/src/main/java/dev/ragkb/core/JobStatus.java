package dev.ragkb.core;

/** Where a job stands; the last three are final. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  PARTIALLY_FAILED,
  FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == PARTIALLY_FAILED || this == FAILED;
  }
}
