package dev.ragkb.core;

/** Where a document is in ingestion. */
public enum DocumentStatus {
  QUEUED,
  PROCESSING,
  INDEXED,
  FAILED
}
