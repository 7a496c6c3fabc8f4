package dev.ragkb.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DocumentStore} in a map, for tests. Thread-safe. */
public final class InMemoryDocumentStore implements DocumentStore {

  private record Key(String kbId, String documentId) {}

  private final Map<Key, Document> documents = new ConcurrentHashMap<>();

  @Override
  public void save(Document document) {
    documents.put(new Key(document.kbId(), document.id()), document);
  }

  @Override
  public boolean saveIf(Document next, Set<DocumentStatus> expected) {
    boolean[] saved = {false};
    documents.computeIfPresent(new Key(next.kbId(), next.id()), (key, stored) -> {
      saved[0] = stored.contentHash().equals(next.contentHash()) && stored.jobId().equals(next.jobId())
          && expected.contains(stored.status());
      return saved[0] ? next : stored;
    });
    return saved[0];
  }

  @Override
  public Optional<Document> find(String kbId, String documentId) {
    return Optional.ofNullable(documents.get(new Key(kbId, documentId)));
  }

  @Override
  public List<Document> list(String kbId) {
    return documents.values().stream().filter(d -> d.kbId().equals(kbId))
        .sorted(Comparator.comparing(Document::source)).toList();
  }

  @Override
  public List<Document> pending() {
    return documents.values().stream().filter(d -> d.status().inFlight()).toList();
  }

  @Override
  public void delete(String kbId, String documentId) {
    documents.remove(new Key(kbId, documentId));
  }
}
