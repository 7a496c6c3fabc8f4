package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replaces each document's chunks in the index as one unit. */
public final class IndexStage implements Stage<DocumentEmbedded, DocumentIndexed> {

  private final ChunkIndex index;

  public IndexStage(ChunkIndex index) {
    this.index = index;
  }

  @Override
  public DocumentIndexed run(DocumentEmbedded input) {
    return runAll(List.of(input)).getFirst();
  }

  /**
   * Writes several documents with one index commit per knowledge base: the commit, not the write,
   * is what costs (it syncs files to disk).
   *
   * @return one result per input, in input order
   */
  public List<DocumentIndexed> runAll(List<DocumentEmbedded> inputs) {
    Map<String, Map<String, List<EmbeddedChunk>>> byKb = new LinkedHashMap<>();
    for (DocumentEmbedded e : inputs) {
      byKb.computeIfAbsent(e.received().kbId(), kb -> new LinkedHashMap<>()).put(e.received().documentId(), e.chunks());
    }
    byKb.forEach(index::replaceDocuments);
    return inputs.stream().map(e -> new DocumentIndexed(e.received(), e.title(), e.chunks().size())).toList();
  }
}
