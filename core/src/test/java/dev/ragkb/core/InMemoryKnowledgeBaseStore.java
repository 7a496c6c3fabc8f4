package dev.ragkb.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link KnowledgeBaseStore} in a map, for tests; counts its look-ups by id. Thread-safe. */
public final class InMemoryKnowledgeBaseStore implements KnowledgeBaseStore {

  private final Map<String, KnowledgeBase> byId = new ConcurrentHashMap<>();
  private final AtomicInteger lookupsById = new AtomicInteger();

  public InMemoryKnowledgeBaseStore(KnowledgeBase... kbs) {
    for (KnowledgeBase kb : kbs) {
      create(kb);
    }
  }

  @Override
  public synchronized void create(KnowledgeBase kb) {
    if (findByName(kb.name()).isPresent()) {
      throw new ConflictException("a knowledge base named " + kb.name() + " exists");
    }
    byId.put(kb.id(), kb);
  }

  @Override
  public Optional<KnowledgeBase> findByName(String name) {
    return byId.values().stream().filter(kb -> kb.name().equals(name)).findFirst();
  }

  @Override
  public Optional<KnowledgeBase> findById(String id) {
    lookupsById.incrementAndGet();
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public void updateRetrieval(String id, RetrievalSettings retrieval) {
    if (byId.computeIfPresent(id, (key, kb) -> kb.withRetrieval(retrieval)) == null) {
      throw new NotFoundException("no knowledge base with id " + id);
    }
  }

  @Override
  public List<KnowledgeBase> list() {
    return byId.values().stream().sorted(Comparator.comparing(KnowledgeBase::name)).toList();
  }

  /** How many times {@link #findById} was called. */
  public int lookupsById() {
    return lookupsById.get();
  }
}
