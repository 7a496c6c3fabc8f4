package dev.ragkb.indexing.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.RetriableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutChunkIndexTest {

  private static ChunkIndex recording(String name, List<String> log) {
    return new ChunkIndex() {
      @Override
      public void replaceDocuments(String kbId, Map<String, List<EmbeddedChunk>> chunksByDocument) {
        chunksByDocument.forEach((documentId, chunks) -> log.add(name + " replace " + documentId + " " + chunks.size()));
      }

      @Override
      public void deleteDocument(String kbId, String documentId) {
        log.add(name + " delete " + documentId);
      }
    };
  }

  @Test
  void writesEveryChangeToEveryIndexInOrder() {
    List<String> log = new ArrayList<>();
    var index = new FanOutChunkIndex(List.of(recording("text", log), recording("vectors", log)));
    var chunk = new EmbeddedChunk(Fixtures.chunk("kb", "d1", 0, "text"), new float[] {1f});

    index.replaceDocument("kb", "d1", List.of(chunk));
    index.deleteDocument("kb", "d1");

    assertThat(log).containsExactly("text replace d1 1", "vectors replace d1 1", "text delete d1", "vectors delete d1");
  }

  @Test
  void aFailingIndexFailsTheWriteSoItIsRetried() {
    List<String> log = new ArrayList<>();
    ChunkIndex down = (kb, chunksByDocument) -> {
      throw new RetriableException("down", null);
    };
    var index = new FanOutChunkIndex(List.of(recording("text", log), down));

    assertThatThrownBy(() -> index.replaceDocument("kb", "d1", List.of())).isInstanceOf(RetriableException.class);
    assertThat(log).containsExactly("text replace d1 0");
  }
}
