package dev.ragkb.indexing.composite;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.contract.ChunkIndexContract;
import dev.ragkb.indexing.contract.Containers;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.indexing.lucene.VectorFormat;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * {@code ragkb.index.backend=lucene+milvus}, as the service wires it: text in Lucene (no vectors of
 * its own), vectors in a real Milvus standalone, both written through one {@link FanOutChunkIndex}.
 * Skipped where no Docker daemon runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LuceneMilvusIndexIT extends ChunkIndexContract {

  @Container private static final MilvusContainer MILVUS = Containers.milvus();

  @TempDir Path dir;
  private LuceneIndex lucene;
  private MilvusIndex milvus;

  @BeforeEach
  void open() {
    lucene = new LuceneIndex(dir, ChunkIndexContract::language, VectorFormat.NONE);
    milvus = new MilvusIndex(Containers.settings(MILVUS, MilvusIndex.Encoding.FLOAT32));
  }

  @AfterEach
  void close() throws Exception {
    lucene.close();
    milvus.close();
  }

  @Override
  protected ChunkIndex writer() {
    return new FanOutChunkIndex(List.of(lucene, milvus));
  }

  @Override
  protected TextIndex text() {
    return lucene;
  }

  @Override
  protected VectorIndex vectors() {
    return milvus;
  }
}
