package dev.ragkb.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Metadata of documents. */
public interface DocumentStore {

  /** Inserts or replaces the document with this id. */
  void save(Document document);

  /**
   * Replaces the stored document with {@code next} only if the stored one is the same version of the
   * same submission (equal content hash and job id) in one of {@code expected} statuses; atomic.
   * Ingestion workers move a document forward with it, so a late or repeated delivery can never move
   * it back (an INDEXED document to PROCESSING) or touch a newer version.
   *
   * @return whether it replaced the stored document
   */
  boolean saveIf(Document next, Set<DocumentStatus> expected);

  Optional<Document> find(String kbId, String documentId);

  /** Documents of a knowledge base, by source. */
  List<Document> list(String kbId);

  /** Documents of every knowledge base still QUEUED or PROCESSING: work to resume after a restart. */
  List<Document> pending();

  /** Removes the record; a no-op when absent. */
  void delete(String kbId, String documentId);
}
