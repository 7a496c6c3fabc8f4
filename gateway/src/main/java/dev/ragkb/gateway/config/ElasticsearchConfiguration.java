package dev.ragkb.gateway.config;

import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code ragkb.index.backend=elasticsearch}: text and vectors in Elasticsearch
 * ({@link ElasticsearchProperties}) instead of the Lucene index under the data dir.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragkb.index.backend", havingValue = "elasticsearch")
class ElasticsearchConfiguration {

  /** Connects lazily: the service starts while the cluster is down, and writes retry until it is up. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ElasticsearchIndex elasticsearchIndex(ElasticsearchProperties properties, KnowledgeBaseStore knowledgeBases) {
    return ElasticsearchIndex.connect(properties.toSettings(), kbId -> knowledgeBases.findById(kbId)
        .map(KnowledgeBase::language)
        .orElseThrow(() -> new NotFoundException("no knowledge base with id " + kbId)));
  }
}
