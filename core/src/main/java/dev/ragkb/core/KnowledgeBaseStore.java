package dev.ragkb.core;

import java.util.List;
import java.util.Optional;

/** Metadata of knowledge bases. */
public interface KnowledgeBaseStore {

  /** @throws ConflictException when the name is taken */
  void create(KnowledgeBase kb);

  Optional<KnowledgeBase> findByName(String name);

  /** By internal id, as stored in indexes and messages. */
  Optional<KnowledgeBase> findById(String id);

  /**
   * Replaces the knowledge base's retrieval settings; they apply to the next search.
   *
   * @throws NotFoundException when no knowledge base has that id
   */
  void updateRetrieval(String id, RetrievalSettings retrieval);

  /** All knowledge bases, by name. */
  List<KnowledgeBase> list();
}
