package dev.ragkb.gateway;

import dev.ragkb.indexing.contract.Containers;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * The service with {@code ragkb.index.backend=elasticsearch+milvus}: text in Elastic's 8.19 image
 * (every analyzer), vectors in a real Milvus standalone, both in Docker; skipped where no Docker
 * daemon runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ElasticsearchMilvusBackendIT extends IndexBackendContract {

  private static final ElasticsearchContainer ELASTICSEARCH = Containers.elasticsearch();
  private static final MilvusContainer MILVUS = Containers.milvus();

  /** Starts both before the context that needs their addresses (which, per class, comes before Testcontainers' own start). */
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ELASTICSEARCH.start();
    MILVUS.start();
    service(registry, "elasticsearch+milvus");
    registry.add("ragkb.elasticsearch.url", () -> Containers.settings(ELASTICSEARCH).url().toString());
    registry.add("ragkb.elasticsearch.replicas", () -> "0");
    registry.add("ragkb.index.milvus.uri", MILVUS::getEndpoint);
  }

  @AfterAll
  void stopContainers() {
    ELASTICSEARCH.stop();
    MILVUS.stop();
  }
}
