package dev.ragkb.gateway.config;

import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.generation.Generators;
import dev.ragkb.retrieval.ask.AskUseCase;
import dev.ragkb.retrieval.query.QueryPipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ask use case, over retrieval ({@link QueryConfiguration}) and generation ({@link
 * GenerationConfiguration}): what every front end that answers questions calls.
 */
@Configuration(proxyBeanMethods = false)
class AskConfiguration {

  @Bean
  @ConditionalOnMissingBean
  AskUseCase askUseCase(QueryPipeline queries, KnowledgeBaseEmbeddings embeddings, Generators generators) {
    return new AskUseCase(queries, embeddings, generators);
  }
}
