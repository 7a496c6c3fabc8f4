package dev.ragkb.indexing.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.contract.ChunkIndexContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest extends ChunkIndexContract {

  @TempDir Path dir;
  private LuceneIndex index;

  @BeforeEach
  void open() {
    index = new LuceneIndex(dir, ChunkIndexContract::language);
  }

  @AfterEach
  void close() throws Exception {
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

  @Test
  void countsOnlyTheCurrentChunksOfAReplacedDocument() {
    put("d", Acl.PUBLIC, "alpha version one", "alpha second chunk");
    put("d", Acl.PUBLIC, "beta version two");
    assertThat(index.chunkCount(kb)).isEqualTo(1);
  }

  @Test
  void keepsItsChunksAcrossAReopen() throws Exception {
    put("d", Acl.PUBLIC, "persistent words");
    index.close();
    index = new LuceneIndex(dir, ChunkIndexContract::language);
    assertThat(textIds("persistent", all())).containsExactly("d#0");
  }
}
