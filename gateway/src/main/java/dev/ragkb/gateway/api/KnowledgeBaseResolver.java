package dev.ragkb.gateway.api;

import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import org.springframework.stereotype.Component;

/** Turns the {@code {kb}} of a URL into its knowledge base, or a 404. */
@Component
class KnowledgeBaseResolver {

  private final KnowledgeBaseStore store;

  KnowledgeBaseResolver(KnowledgeBaseStore store) {
    this.store = store;
  }

  KnowledgeBase byName(String name) {
    return store.findByName(name).orElseThrow(() -> new NotFoundException("no knowledge base named '" + name + "'"));
  }
}
