package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds chunks with their knowledge base's model, in batches across documents when given several,
 * so each model sees full batches.
 */
public final class EmbedStage implements Stage<DocumentChunked, DocumentEmbedded> {

  private final KnowledgeBaseEmbeddings models;
  private final int batchSize;

  /** @param batchSize chunks per call to a model; large enough to keep every core busy */
  public EmbedStage(KnowledgeBaseEmbeddings models, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be > 0: " + batchSize);
    }
    this.models = models;
    this.batchSize = batchSize;
  }

  @Override
  public DocumentEmbedded run(DocumentChunked input) {
    return runAll(List.of(input)).getFirst();
  }

  /**
   * Embeds the chunks of several documents, cutting batches across document boundaries: many small
   * documents then cost as few model calls as one large one. Documents of knowledge bases with
   * different models are embedded in separate batches, each by its own model.
   *
   * @return one result per input, in input order
   */
  public List<DocumentEmbedded> runAll(List<DocumentChunked> inputs) {
    Map<EmbeddingModel, List<DocumentChunked>> byModel = new IdentityHashMap<>();
    for (DocumentChunked d : inputs) {
      byModel.computeIfAbsent(models.forKnowledgeBase(d.received().kbId()), m -> new ArrayList<>()).add(d);
    }
    Map<DocumentChunked, DocumentEmbedded> done = new IdentityHashMap<>();
    byModel.forEach((model, documents) -> {
      List<DocumentEmbedded> embedded = embed(model, documents);
      for (int i = 0; i < documents.size(); i++) {
        done.put(documents.get(i), embedded.get(i));
      }
    });
    return inputs.stream().map(done::get).toList();
  }

  private List<DocumentEmbedded> embed(EmbeddingModel model, List<DocumentChunked> inputs) {
    List<Chunk> chunks = inputs.stream().flatMap(d -> d.chunks().stream()).toList();
    List<float[]> vectors = new ArrayList<>(chunks.size());
    for (int from = 0; from < chunks.size(); from += batchSize) {
      List<Chunk> batch = chunks.subList(from, Math.min(chunks.size(), from + batchSize));
      vectors.addAll(model.embedPassages(batch.stream().map(EmbedStage::embeddedText).toList()));
    }
    List<DocumentEmbedded> out = new ArrayList<>(inputs.size());
    int next = 0;
    for (DocumentChunked d : inputs) {
      List<EmbeddedChunk> embedded = new ArrayList<>(d.chunks().size());
      for (Chunk c : d.chunks()) {
        embedded.add(new EmbeddedChunk(c, vectors.get(next++)));
      }
      out.add(new DocumentEmbedded(d.received(), d.title(), embedded));
    }
    return out;
  }

  /** Headings give a passage the context its own sentences often leave out. */
  public static String embeddedText(Chunk chunk) {
    if (chunk.headingPath().isEmpty()) {
      return chunk.text();
    }
    return String.join(" > ", chunk.headingPath()) + "\n" + chunk.text();
  }
}
