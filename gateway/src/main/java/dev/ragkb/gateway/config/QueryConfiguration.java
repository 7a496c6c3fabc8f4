package dev.ragkb.gateway.config;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.retrieval.fusion.ReciprocalRankFusion;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Retrieval; generation is wired in {@link GenerationConfiguration}. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

  @Bean
  @ConditionalOnMissingBean
  HybridRetriever hybridRetriever(LuceneIndex index, EmbeddingModel embeddings, RetrievalProperties properties) {
    return new HybridRetriever(index, index, embeddings, new ReciprocalRankFusion(properties.rrfK()),
        new HybridRetriever.Settings(properties.candidates()));
  }
}
