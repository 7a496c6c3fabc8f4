package dev.ragkb.gateway;

import dev.ragkb.indexing.contract.Containers;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * The service with {@code ragkb.index.backend=lucene+milvus}: text in Lucene, vectors in a real Milvus
 * standalone in Docker; skipped where no Docker daemon runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LuceneMilvusBackendIT extends IndexBackendContract {

  private static final MilvusContainer MILVUS = Containers.milvus();

  /** Starts Milvus before the context that needs its address (which, per class, comes before Testcontainers' own start). */
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MILVUS.start();
    service(registry, "lucene+milvus");
    registry.add("ragkb.index.milvus.uri", MILVUS::getEndpoint);
  }

  @AfterAll
  void stopMilvus() {
    MILVUS.stop();
  }
}
