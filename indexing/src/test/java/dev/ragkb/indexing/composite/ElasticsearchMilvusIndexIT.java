package dev.ragkb.indexing.composite;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.contract.ChunkIndexContract;
import dev.ragkb.indexing.contract.Containers;
import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * {@code ragkb.index.backend=elasticsearch+milvus}, as the service wires it: text in Elasticsearch
 * (indexes without a vector field), vectors in Milvus (quantized, as a large deployment would), both
 * written through one {@link FanOutChunkIndex}. Skipped where no Docker daemon runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ElasticsearchMilvusIndexIT extends ChunkIndexContract {

  @Container private static final ElasticsearchContainer ELASTICSEARCH = Containers.elasticsearch();
  @Container private static final MilvusContainer MILVUS = Containers.milvus();

  private ElasticsearchIndex elasticsearch;
  private MilvusIndex milvus;

  @BeforeEach
  void open() {
    elasticsearch = ElasticsearchIndex.connect(Containers.settings(ELASTICSEARCH).withoutVectors(),
        ChunkIndexContract::language);
    milvus = new MilvusIndex(Containers.settings(MILVUS, MilvusIndex.Encoding.INT8));
  }

  @AfterEach
  void close() throws Exception {
    elasticsearch.close();
    milvus.close();
  }

  @Override
  protected ChunkIndex writer() {
    return new FanOutChunkIndex(List.of(elasticsearch, milvus));
  }

  @Override
  protected TextIndex text() {
    return elasticsearch;
  }

  @Override
  protected VectorIndex vectors() {
    return milvus;
  }
}
