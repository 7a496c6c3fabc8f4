package dev.ragkb.core;

import java.util.EnumSet;
import java.util.Set;

/** Where a document is in ingestion. */
public enum DocumentStatus {
  QUEUED,
  PROCESSING,
  INDEXED,
  FAILED;

  /** The statuses of a version the pipeline still works on: only it may move the document on. */
  public static final Set<DocumentStatus> IN_FLIGHT = Set.copyOf(EnumSet.of(QUEUED, PROCESSING));

  public boolean inFlight() {
    return IN_FLIGHT.contains(this);
  }
}
