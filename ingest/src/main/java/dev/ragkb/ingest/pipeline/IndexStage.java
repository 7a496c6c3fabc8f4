package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;

/** Replaces the document's chunks in the index as one unit. */
public final class IndexStage implements Stage<DocumentEmbedded, DocumentIndexed> {

  private final ChunkIndex index;

  public IndexStage(ChunkIndex index) {
    this.index = index;
  }

  @Override
  public DocumentIndexed run(DocumentEmbedded input) {
    var r = input.received();
    index.replaceDocument(r.kbId(), r.documentId(), input.chunks());
    return new DocumentIndexed(r, input.title(), input.chunks().size());
  }
}
