package dev.ragkb.ingest.pipeline;

import dev.ragkb.ingest.pipeline.IngestMessage.DocumentIndexed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;

/**
 * The ingestion stages wired in order: parse, chunk, embed, index. A transport may run them in one
 * call ({@link #run}) or hop by hop through a broker; the stages do not know which.
 */
public record IngestPipeline(ParseStage parse, ChunkStage chunk, EmbedStage embed, IndexStage index) {

  /** Runs every stage for one document. */
  public DocumentIndexed run(DocumentReceived received) {
    return index.run(embed.run(chunk.run(parse.run(received))));
  }
}
