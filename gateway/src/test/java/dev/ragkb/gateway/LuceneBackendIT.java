package dev.ragkb.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service on the default backend, {@code ragkb.index.backend=lucene}: text and vectors under the data dir. */
class LuceneBackendIT extends IndexBackendContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    service(registry, "lucene");
  }
}
