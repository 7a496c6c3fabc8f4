package dev.ragkb.core;

/** The embedding model of each knowledge base: the one recorded with it when it was created. */
@FunctionalInterface
public interface KnowledgeBaseEmbeddings {

  /**
   * @param kbId the knowledge base's internal id, as in messages and indexes
   * @throws NotFoundException when there is no such knowledge base
   * @throws InvalidRequestException when its model is not served by this process
   */
  EmbeddingModel forKnowledgeBase(String kbId);
}
