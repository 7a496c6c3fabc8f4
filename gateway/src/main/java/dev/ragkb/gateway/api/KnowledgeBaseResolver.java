package dev.ragkb.gateway.api;

import dev.ragkb.core.ConflictException;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import org.springframework.stereotype.Component;

/** Turns the {@code {kb}} of a URL into its knowledge base, or a 404. */
@Component
class KnowledgeBaseResolver {

  private final KnowledgeBaseStore store;
  private final EmbeddingModel embeddings;

  KnowledgeBaseResolver(KnowledgeBaseStore store, EmbeddingModel embeddings) {
    this.store = store;
    this.embeddings = embeddings;
  }

  KnowledgeBase byName(String name) {
    return store.findByName(name).orElseThrow(() -> new NotFoundException("no knowledge base named '" + name + "'"));
  }

  /**
   * A knowledge base this service may embed for, to add documents or search: one whose recorded
   * model is the model served. After a restart with another model, its vectors would otherwise be
   * compared with, or mixed with, vectors of a different space; a 409 says so instead.
   */
  KnowledgeBase forEmbedding(String name) {
    KnowledgeBase kb = byName(name);
    if (!kb.embeddingModel().equals(embeddings.name())) {
      throw new ConflictException("knowledge base '" + name + "' holds vectors of " + kb.embeddingModel()
          + " but this service embeds with " + embeddings.name()
          + "; vectors of different models never mix: serve that model, or reindex the knowledge base");
    }
    return kb;
  }
}
