package dev.ragkb.gateway.config;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.composite.FanOutChunkIndex;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.indexing.lucene.VectorFormat;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The indexes, by {@code ragkb.index.backend}: {@code lucene} (default) keeps text and vectors in
 * Lucene under the data dir; {@code lucene+milvus} keeps text in Lucene and vectors in Milvus,
 * written together and fused in retrieval.
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

  static final String BACKEND = "ragkb.index.backend";
  static final String LUCENE_MILVUS = "lucene+milvus";

  /** With Milvus holding the vectors, Lucene builds no graph of its own. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnExpression("!'${" + BACKEND + ":lucene}'.startsWith('elasticsearch')")
  LuceneIndex luceneIndex(RagkbProperties properties, LuceneProperties lucene, KnowledgeBaseStore knowledgeBases,
      @Value("${" + BACKEND + ":lucene}") String backend) {
    VectorFormat vectors = LUCENE_MILVUS.equals(backend) ? VectorFormat.NONE : lucene.vectorFormat();
    return new LuceneIndex(properties.dataDir().resolve("index"), kbId -> knowledgeBases.findById(kbId)
        .map(KnowledgeBase::language)
        .orElseThrow(() -> new NotFoundException("no knowledge base with id " + kbId)), vectors);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = BACKEND, havingValue = LUCENE_MILVUS)
  @ConditionalOnMissingBean
  MilvusIndex milvusIndex(MilvusProperties p) {
    return new MilvusIndex(new MilvusIndex.Settings(p.uri(), p.token(), p.database(), p.collectionPrefix(),
        p.encoding(), p.m(), p.efConstruction(), p.ef(), p.timeout()));
  }

  /** Ingestion writes text to Lucene and vectors to Milvus. */
  @Bean
  @Primary
  @ConditionalOnProperty(name = BACKEND, havingValue = LUCENE_MILVUS)
  ChunkIndex luceneAndMilvusChunkIndex(LuceneIndex lucene, MilvusIndex milvus) {
    return new FanOutChunkIndex(List.of(lucene, milvus));
  }

  /** Retrieval's vector side; a view of Milvus that is nothing but a VectorIndex, so it competes for no other role. */
  @Bean
  @Primary
  @ConditionalOnProperty(name = BACKEND, havingValue = LUCENE_MILVUS)
  VectorIndex milvusVectorIndex(MilvusIndex milvus) {
    return milvus::searchVectors;
  }
}
