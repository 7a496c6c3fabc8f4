package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.ChunkDraft;
import dev.ragkb.parsing.StructuredChunker;
import dev.ragkb.parsing.ParsedDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Cuts a parsed document into chunks and gives each its stable id. */
public final class ChunkStage implements Stage<DocumentParsed, DocumentChunked> {

  private final StructuredChunker chunker;
  private final Clock clock;

  /** @param clock dates the chunks of a document whose metadata gives no date: the time it is chunked */
  public ChunkStage(StructuredChunker chunker, Clock clock) {
    this.chunker = chunker;
    this.clock = clock;
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
    Instant date = dateOf(input.parsed());
    List<Chunk> chunks = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      ChunkDraft d = drafts.get(i);
      chunks.add(new Chunk(chunkId(r.documentId(), r.contentHash(), i), r.documentId(), r.kbId(), i, d.text(), title,
          r.source(), d.headingPath(), d.page(), d.startOffset(), d.endOffset(), r.acl(), r.tags(),
          d.parentText(input.parsed()), date));
    }
    return new DocumentChunked(r, title, chunks);
  }

  /**
   * The document's own date when its metadata has one, the last change before the creation; else now.
   * Milliseconds are all the indexes keep, so the chunk holds no more than it gets back from a search.
   */
  private Instant dateOf(ParsedDocument parsed) {
    Instant date = parsed.modified() != null ? parsed.modified()
        : parsed.created() != null ? parsed.created() : clock.instant();
    return date.truncatedTo(ChronoUnit.MILLIS);
  }
}
