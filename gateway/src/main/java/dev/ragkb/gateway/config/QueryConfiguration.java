package dev.ragkb.gateway.config;

import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import java.net.URI;
import java.util.Locale;
import dev.ragkb.retrieval.highlight.HitHighlighter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import dev.ragkb.retrieval.rerank.HttpReranker;
import dev.ragkb.retrieval.rerank.RerankingRetriever;
import dev.ragkb.retrieval.query.ConversationHistory;
import dev.ragkb.retrieval.query.IntentRouter;
import dev.ragkb.retrieval.query.QueryCondenser;
import dev.ragkb.retrieval.query.QueryPipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Retrieval; generation is wired in {@link GenerationConfiguration}. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

  /** The ranking a search gets where neither it nor its knowledge base chooses. */
  @Bean
  @ConditionalOnMissingBean
  Ranking defaultRanking(RetrievalProperties properties) {
    return new Ranking(FusionMethod.of(properties.fusion()), properties.vectorWeight(), properties.rrfK(),
        properties.mmrLambda());
  }

  @Bean
  @ConditionalOnMissingBean
  QueryPipeline queryPipeline(Retriever retriever, GeneratorProperties generation) {
    // 10,000 conversations of 5 turns: a few megabytes at most
    return new QueryPipeline(new IntentRouter(), new QueryCondenser(), new ConversationHistory(10_000, 5), retriever,
        generation.maxSources());
  }

  /**
   * Hybrid retrieval, reranked by the reranking service when one is configured. Primary, because
   * without a reranker it is the hybrid retriever itself, which would otherwise count twice.
   */
  @Bean
  @Primary
  @ConditionalOnMissingBean
  Retriever retriever(HybridRetriever hybrid, RerankerProperties reranker) {
    if (reranker.url().isBlank()) {
      return hybrid;
    }
    var format = HttpReranker.Format.valueOf(reranker.format().toUpperCase(Locale.ROOT));
    var client = new HttpReranker(new HttpReranker.Settings(URI.create(reranker.url()), format, reranker.model(),
        reranker.apiKey(), reranker.timeout()));
    return new RerankingRetriever(hybrid, client, reranker.candidates());
  }

  @Bean
  @ConditionalOnMissingBean
  HybridRetriever hybridRetriever(TextIndex text, VectorIndex vectors, KnowledgeBaseEmbeddings embeddings,
      RetrievalProperties properties) {
    return new HybridRetriever(text, vectors, embeddings, new HybridRetriever.Settings(properties.candidates()));
  }

  @Bean
  @ConditionalOnMissingBean
  HitHighlighter hitHighlighter(RetrievalProperties properties) {
    return new HitHighlighter(properties.highlightFragments(), properties.highlightChars());
  }
}
