package dev.ragkb.gateway.config;

import dev.ragkb.core.FollowUpCondenser;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.generation.openai.LlmFollowUpCondenser;
import dev.ragkb.indexing.lucene.Analyzers;
import dev.ragkb.generation.openai.OpenAiChatClient;
import dev.ragkb.retrieval.highlight.HitHighlighter;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import dev.ragkb.retrieval.query.ConversationHistory;
import dev.ragkb.retrieval.query.IntentRouter;
import dev.ragkb.retrieval.query.QueryCondenser;
import dev.ragkb.retrieval.query.QueryPipeline;
import dev.ragkb.retrieval.rerank.HttpReranker;
import dev.ragkb.retrieval.rerank.RerankingRetriever;
import java.net.URI;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
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

  /** Follow-ups are condensed by the LLM when one is configured, else (and when it fails) by carrying terms forward. */
  @Bean
  @ConditionalOnMissingBean
  FollowUpCondenser followUpCondenser(ObjectProvider<OpenAiChatClient> llm, GeneratorProperties generation) {
    OpenAiChatClient client = llm.getIfAvailable();
    return client == null ? new QueryCondenser() : new LlmFollowUpCondenser(client, generation.model(), new QueryCondenser());
  }

  @Bean
  @ConditionalOnMissingBean
  QueryPipeline queryPipeline(Retriever retriever, FollowUpCondenser condenser, GeneratorProperties generation) {
    // 10,000 conversations of 5 turns: a few megabytes at most
    return new QueryPipeline(new IntentRouter(), condenser, new ConversationHistory(10_000, 5), retriever,
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
    return new HitHighlighter(properties.highlightFragments(), properties.highlightChars(), Analyzers::forLanguage);
  }
}
