package dev.ragkb.indexing.models;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model recorded with each knowledge base, remembered after the first look-up: a knowledge base
 * keeps its model for life (changing it means reindexing into a new one), so a query or a batch of
 * chunks costs no metadata read. Thread-safe.
 */
public final class KnowledgeBaseModels implements KnowledgeBaseEmbeddings {

  private final KnowledgeBaseStore knowledgeBases;
  private final EmbeddingModels models;
  private final Map<String, String> modelByKb = new ConcurrentHashMap<>();

  public KnowledgeBaseModels(KnowledgeBaseStore knowledgeBases, EmbeddingModels models) {
    this.knowledgeBases = knowledgeBases;
    this.models = models;
  }

  @Override
  public EmbeddingModel forKnowledgeBase(String kbId) {
    String name = modelByKb.get(kbId);
    if (name == null) {
      // not computeIfAbsent: a miss throws, and the metadata read should not run under the map's lock
      name = knowledgeBases.findById(kbId).map(KnowledgeBase::embeddingModel)
          .orElseThrow(() -> new NotFoundException("no knowledge base with id " + kbId));
      modelByKb.put(kbId, name);
    }
    return models.forName(name);
  }
}
