package dev.ragkb.gateway.api;

import dev.ragkb.core.ConflictException;
import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import org.springframework.stereotype.Component;

/** Turns the {@code {kb}} of a URL into its knowledge base, or a 404. */
@Component
class KnowledgeBaseResolver {

  private final KnowledgeBaseStore store;
  private final EmbeddingModels models;

  KnowledgeBaseResolver(KnowledgeBaseStore store, EmbeddingModels models) {
    this.store = store;
    this.models = models;
  }

  KnowledgeBase byName(String name) {
    return store.findByName(name).orElseThrow(() -> new NotFoundException("no knowledge base named '" + name + "'"));
  }

  /**
   * A knowledge base this service may embed for, to add documents or search: one whose recorded
   * model is served here. After a restart without that model (another provider, say), its vectors
   * would otherwise be compared with, or mixed with, vectors of a different space; a 409 says so instead.
   */
  KnowledgeBase forEmbedding(String name) {
    KnowledgeBase kb = byName(name);
    if (!models.served().contains(kb.embeddingModel())) {
      throw new ConflictException("knowledge base '" + name + "' holds vectors of " + kb.embeddingModel()
          + " but this service embeds with " + String.join(", ", models.served())
          + "; vectors of different models never mix: serve that model, or reindex the knowledge base");
    }
    return kb;
  }
}
