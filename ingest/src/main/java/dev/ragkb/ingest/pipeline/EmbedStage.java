package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import java.util.ArrayList;
import java.util.List;

/** Embeds a document's chunks in batches. */
public final class EmbedStage implements Stage<DocumentChunked, DocumentEmbedded> {

  private final EmbeddingModel model;
  private final int batchSize;

  /** @param batchSize chunks per call to the model; large enough to keep every core busy */
  public EmbedStage(EmbeddingModel model, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be > 0: " + batchSize);
    }
    this.model = model;
    this.batchSize = batchSize;
  }

  @Override
  public DocumentEmbedded run(DocumentChunked input) {
    List<Chunk> chunks = input.chunks();
    List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
    for (int from = 0; from < chunks.size(); from += batchSize) {
      List<Chunk> batch = chunks.subList(from, Math.min(chunks.size(), from + batchSize));
      List<float[]> vectors = model.embedPassages(batch.stream().map(EmbedStage::embeddedText).toList());
      for (int i = 0; i < batch.size(); i++) {
        embedded.add(new EmbeddedChunk(batch.get(i), vectors.get(i)));
      }
    }
    return new DocumentEmbedded(input.received(), input.title(), embedded);
  }

  /** Headings give a passage the context its own sentences often leave out. */
  static String embeddedText(Chunk chunk) {
    if (chunk.headingPath().isEmpty()) {
      return chunk.text();
    }
    return String.join(" > ", chunk.headingPath()) + "\n" + chunk.text();
  }
}
