package dev.ragkb.generation;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Generator;

/**
 * The generator that answers over one embedding model. The extractive generator and the citation
 * checks compare sentences by their embeddings, so they must use the model of the knowledge base
 * being asked, as its retrieval does; the caller finds that model with {@link
 * dev.ragkb.core.KnowledgeBaseEmbeddings}. Thread-safe.
 */
@FunctionalInterface
public interface Generators {

  Generator forModel(EmbeddingModel model);
}
