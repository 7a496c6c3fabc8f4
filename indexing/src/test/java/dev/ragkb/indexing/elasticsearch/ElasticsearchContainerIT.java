package dev.ragkb.indexing.elasticsearch;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.contract.ChunkIndexContract;
import dev.ragkb.indexing.contract.Containers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The index contract against Elastic's own 8.19 image, with every module (English stemming and
 * {@code cjk} included), where Docker exists; skipped without it. ElasticsearchIndexIT runs the
 * contract everywhere else, against a 9.5 node from Maven jars.
 */
@Testcontainers(disabledWithoutDocker = true)
class ElasticsearchContainerIT extends ChunkIndexContract {

  @Container private static final ElasticsearchContainer ELASTICSEARCH = Containers.elasticsearch();

  private ElasticsearchIndex index;

  @BeforeEach
  void connect() {
    index = ElasticsearchIndex.connect(Containers.settings(ELASTICSEARCH), ChunkIndexContract::language);
  }

  @AfterEach
  void disconnect() throws Exception {
    index.close();
  }

  @Override
  protected ChunkIndex writer() {
    return index;
  }

  @Override
  protected TextIndex text() {
    return index;
  }

  @Override
  protected VectorIndex vectors() {
    return index;
  }
}
