package dev.ragkb.core;

import java.util.List;
import java.util.Optional;

/** Metadata of documents. */
public interface DocumentStore {

  /** Inserts or replaces the document with this id. */
  void save(Document document);

  Optional<Document> find(String kbId, String documentId);

  /** Documents of a knowledge base, by source. */
  List<Document> list(String kbId);

  /** Documents of every knowledge base still QUEUED or PROCESSING: work to resume after a restart. */
  List<Document> pending();

  /** Removes the record; a no-op when absent. */
  void delete(String kbId, String documentId);
}
