package dev.ragkb.indexing.cache;

import dev.ragkb.core.EmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers every passage vector in an {@link EmbeddingCache}, keyed by the model's name and the
 * passage's text, and asks the model only for passages it has not seen: re-ingesting a document,
 * or reindexing a knowledge base, embeds nothing that was embedded before. Queries pass through
 * uncached: each question would grow the store and is embedded once anyway.
 *
 * <p>Thread-safe; two callers that miss the same passage at once both embed it and the second write
 * replaces the first. Closing it closes the model, not the cache, which other models share.
 */
public final class CachingEmbeddingModel implements EmbeddingModel, AutoCloseable {

  private final EmbeddingModel model;
  private final EmbeddingCache cache;

  public CachingEmbeddingModel(EmbeddingModel model, EmbeddingCache cache) {
    this.model = model;
    this.cache = cache;
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    List<String> keys = passages.stream().map(p -> EmbeddingCache.key(model.name(), p)).toList();
    Map<String, float[]> found = cache.lookUp(keys, model.dimension());
    // Distinct misses in first-seen order: a passage repeated within the batch is embedded once.
    Map<String, String> missing = new LinkedHashMap<>();
    for (int i = 0; i < passages.size(); i++) {
      if (!found.containsKey(keys.get(i))) {
        missing.putIfAbsent(keys.get(i), passages.get(i));
      }
    }
    if (!missing.isEmpty()) {
      List<float[]> fresh = model.embedPassages(List.copyOf(missing.values()));
      List<String> missingKeys = List.copyOf(missing.keySet());
      for (int i = 0; i < fresh.size(); i++) {
        found.put(missingKeys.get(i), fresh.get(i));
      }
      cache.store(missingKeys, fresh);
    }
    List<float[]> out = new ArrayList<>(passages.size());
    keys.forEach(k -> out.add(found.get(k).clone()));
    return out;
  }

  @Override
  public float[] embedQuery(String query) {
    return model.embedQuery(query);
  }

  @Override
  public void close() throws Exception {
    if (model instanceof AutoCloseable c) {
      c.close();
    }
  }
}
