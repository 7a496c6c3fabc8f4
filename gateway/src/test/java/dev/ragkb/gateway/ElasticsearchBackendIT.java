package dev.ragkb.gateway;

import dev.ragkb.indexing.elasticsearch.ElasticsearchNode;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service with {@code ragkb.index.backend=elasticsearch} against a real Elasticsearch node from Maven jars. */
class ElasticsearchBackendIT extends IndexBackendContract {

  private static ElasticsearchNode node;

  /** Runs before the context starts, which needs the node's address. */
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    node = ElasticsearchNode.start();
    service(registry, "elasticsearch");
    registry.add("ragkb.elasticsearch.url", () -> node.url().toString());
    registry.add("ragkb.elasticsearch.replicas", () -> "0");
    // the test node has no analysis-common module, hence no english analyzer
    registry.add("ragkb.elasticsearch.analyzers.en", () -> "stop");
  }

  @AfterAll
  void stopNode() throws Exception {
    node.close();
  }
}
