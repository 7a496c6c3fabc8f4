package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.ChunkDraft;
import dev.ragkb.parsing.StructuredChunker;
import java.util.ArrayList;
import java.util.List;

/** Cuts a parsed document into chunks and gives each its stable id. */
public final class ChunkStage implements Stage<DocumentParsed, DocumentChunked> {

  private final StructuredChunker chunker;

  public ChunkStage(StructuredChunker chunker) {
    this.chunker = chunker;
  }

  /**
   * A chunk id depends only on the document id, its content hash and the ordinal, so processing the
   * same content again writes the same ids (idempotent), and new content never reuses an old id.
   */
  public static String chunkId(String documentId, String contentHash, int ordinal) {
    return documentId + ":" + contentHash.substring(0, 12) + ":" + ordinal;
  }

  @Override
  public DocumentChunked run(DocumentParsed input) {
    DocumentReceived r = input.received();
    String title = input.parsed().title();
    List<ChunkDraft> drafts = chunker.chunk(input.parsed());
    List<Chunk> chunks = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      ChunkDraft d = drafts.get(i);
      chunks.add(new Chunk(chunkId(r.documentId(), r.contentHash(), i), r.documentId(), r.kbId(), i, d.text(), title,
          r.source(), d.headingPath(), d.page(), d.startOffset(), d.endOffset(), r.acl(), r.tags(),
          d.parentText(input.parsed())));
    }
    return new DocumentChunked(r, title, chunks);
  }
}
