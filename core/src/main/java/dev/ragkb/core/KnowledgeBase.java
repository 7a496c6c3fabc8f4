package dev.ragkb.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A named collection of documents that is questioned as a whole.
 *
 * @param id stable internal id, used in storage paths
 * @param name the unique name clients use in URLs
 * @param language the main language of its documents (BCP 47, e.g. {@code en})
 * @param embeddingModel the embedding model its vectors come from; vectors of different models never mix
 * @param createdAt when it was created
 * @param retrieval how its searches rank, where it departs from the service's defaults; changeable at
 *     any time, since ranking needs no reindexing
 */
public record KnowledgeBase(String id, String name, String language, String embeddingModel, Instant createdAt,
    RetrievalSettings retrieval) {

  /** Names appear in URLs and paths, so they are kept to a safe alphabet. */
  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  public KnowledgeBase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(retrieval, "retrieval");
    if (name == null || !name.matches(NAME_PATTERN)) {
      throw new InvalidRequestException("knowledge base name must match " + NAME_PATTERN);
    }
    if (language == null || language.isBlank()) {
      throw new InvalidRequestException("language must not be blank");
    }
    if (embeddingModel == null || embeddingModel.isBlank()) {
      throw new InvalidRequestException("embeddingModel must not be blank");
    }
  }

  /** A knowledge base that ranks with the service's defaults. */
  public KnowledgeBase(String id, String name, String language, String embeddingModel, Instant createdAt) {
    this(id, name, language, embeddingModel, createdAt, RetrievalSettings.INHERIT);
  }

  public KnowledgeBase withRetrieval(RetrievalSettings newRetrieval) {
    return new KnowledgeBase(id, name, language, embeddingModel, createdAt, newRetrieval);
  }
}
