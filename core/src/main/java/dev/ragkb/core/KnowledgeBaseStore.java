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

  /** All knowledge bases, by name. */
  List<KnowledgeBase> list();
}
