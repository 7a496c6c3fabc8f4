package dev.ragkb.gateway.config;

import static dev.ragkb.gateway.config.IndexBackend.ELASTICSEARCH;
import static dev.ragkb.gateway.config.IndexBackend.ELASTICSEARCH_MILVUS;
import static dev.ragkb.gateway.config.IndexBackend.LUCENE;
import static dev.ragkb.gateway.config.IndexBackend.LUCENE_MILVUS;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.composite.FanOutChunkIndex;
import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.indexing.lucene.VectorFormat;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The indexes, by {@code ragkb.index.backend} ({@link IndexBackend}); each bean names the backends it
 * serves. {@code lucene} (default) and {@code elasticsearch} keep text and vectors in one store
 * ({@link LuceneProperties}, {@link ElasticsearchProperties}), which is then the writer and both
 * searches. {@code lucene+milvus} and {@code elasticsearch+milvus} keep vectors in Milvus
 * ({@link MilvusProperties}) and none in the text store: ingestion writes to both through one
 * {@link FanOutChunkIndex}, and retrieval searches text in one and vectors in the other and fuses them.
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

  @Bean
  IndexBackend indexBackend(Environment environment) {
    return IndexBackend.of(environment);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnIndexBackend({LUCENE, LUCENE_MILVUS})
  LuceneIndex luceneIndex(RagkbProperties properties, LuceneProperties lucene, KnowledgeBaseStore knowledgeBases,
      IndexBackend backend) {
    VectorFormat vectors = backend.vectorsInMilvus() ? VectorFormat.NONE : lucene.vectorFormat();
    return new LuceneIndex(properties.dataDir().resolve("index"), languageOf(knowledgeBases), vectors);
  }

  /** Connects lazily: the service starts while the cluster is down, and writes retry until it is up. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnIndexBackend({ELASTICSEARCH, ELASTICSEARCH_MILVUS})
  ElasticsearchIndex elasticsearchIndex(ElasticsearchProperties properties, KnowledgeBaseStore knowledgeBases,
      IndexBackend backend) {
    ElasticsearchIndex.Settings settings = properties.toSettings();
    return ElasticsearchIndex.connect(backend.vectorsInMilvus() ? settings.withoutVectors() : settings,
        languageOf(knowledgeBases));
  }

  /** Connects on first use, like Elasticsearch. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnIndexBackend({LUCENE_MILVUS, ELASTICSEARCH_MILVUS})
  MilvusIndex milvusIndex(MilvusProperties p) {
    return new MilvusIndex(new MilvusIndex.Settings(p.uri(), p.token(), p.database(), p.collectionPrefix(),
        p.encoding(), p.m(), p.efConstruction(), p.ef(), p.timeout()));
  }

  /** Ingestion writes text to Lucene and vectors to Milvus. */
  @Bean
  @Primary
  @ConditionalOnIndexBackend(LUCENE_MILVUS)
  ChunkIndex luceneAndMilvusChunkIndex(LuceneIndex lucene, MilvusIndex milvus) {
    return new FanOutChunkIndex(List.of(lucene, milvus));
  }

  /** Ingestion writes text to Elasticsearch and vectors to Milvus. */
  @Bean
  @Primary
  @ConditionalOnIndexBackend(ELASTICSEARCH_MILVUS)
  ChunkIndex elasticsearchAndMilvusChunkIndex(ElasticsearchIndex elasticsearch, MilvusIndex milvus) {
    return new FanOutChunkIndex(List.of(elasticsearch, milvus));
  }

  /** Retrieval's vector side; a view of Milvus that is nothing but a VectorIndex, so it competes for no other role. */
  @Bean
  @Primary
  @ConditionalOnIndexBackend({LUCENE_MILVUS, ELASTICSEARCH_MILVUS})
  VectorIndex milvusVectorIndex(MilvusIndex milvus) {
    return milvus::searchVectors;
  }

  private static Function<String, String> languageOf(KnowledgeBaseStore knowledgeBases) {
    return kbId -> knowledgeBases.findById(kbId)
        .map(KnowledgeBase::language)
        .orElseThrow(() -> new NotFoundException("no knowledge base with id " + kbId));
  }
}
