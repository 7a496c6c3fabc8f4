package dev.ragkb.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.RecordingEmbeddingModel;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbedStageTest {

  private final RecordingEmbeddingModel english = new RecordingEmbeddingModel(8);
  private final RecordingEmbeddingModel chinese = new RecordingEmbeddingModel(16);
  private final EmbedStage stage = new EmbedStage(Map.of("en-kb", english, "zh-kb", chinese)::get, 3);

  private static DocumentChunked document(String kb, String id, int chunks) {
    var received = new DocumentReceived("job", kb, id, id + ".txt", "blob/" + id, "hash-" + id, Acl.PUBLIC, Set.of());
    return new DocumentChunked(received, id,
        IntStream.range(0, chunks).mapToObj(i -> Fixtures.chunk(kb, id, i, id + " passage " + i)).toList());
  }

  @Test
  void embedsEachDocumentWithItsKnowledgeBasesModelInBatchesAcrossDocuments() {
    List<DocumentChunked> inputs = List.of(document("en-kb", "a", 2), document("zh-kb", "b", 2),
        document("en-kb", "c", 2), document("zh-kb", "d", 1));

    List<DocumentEmbedded> out = stage.runAll(inputs);

    assertThat(out).extracting(e -> e.received().documentId()).containsExactly("a", "b", "c", "d");
    assertThat(out).extracting(e -> e.chunks().getFirst().vector().length).containsExactly(8, 16, 8, 16);
    for (DocumentEmbedded e : out) {
      for (EmbeddedChunk c : e.chunks()) {
        var model = new HashingEmbeddingModel(e.received().kbId().equals("en-kb") ? 8 : 16);
        assertThat(c.vector()).containsExactly(model.embedPassages(List.of(c.chunk().text())).getFirst());
      }
    }
    // four English chunks in batches of three, three Chinese ones in one: no batch mixes models
    assertThat(english.batches()).extracting(List::size).containsExactly(3, 1);
    assertThat(chinese.batches()).extracting(List::size).containsExactly(3);
    assertThat(english.batches().stream().flatMap(List::stream)).allMatch(t -> t.startsWith("a ") || t.startsWith("c "));
  }
}
