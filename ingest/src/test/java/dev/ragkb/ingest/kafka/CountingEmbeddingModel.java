package dev.ragkb.ingest.kafka;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.RetriableException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The hashing model, counting the passages it embeds; it can be made unavailable for a passage word. */
final class CountingEmbeddingModel implements EmbeddingModel {

  private final HashingEmbeddingModel model = new HashingEmbeddingModel(64);
  private final AtomicInteger passages = new AtomicInteger();
  private final AtomicBoolean outage = new AtomicBoolean();
  private final String outageWord;

  /** @param outageWord while the outage lasts, any batch holding a passage with this word fails (retriably) */
  CountingEmbeddingModel(String outageWord) {
    this.outageWord = outageWord;
  }

  int passagesEmbedded() {
    return passages.get();
  }

  void outage(boolean on) {
    outage.set(on);
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    if (outage.get() && texts.stream().anyMatch(t -> t.contains(outageWord))) {
      throw new RetriableException("embedding service unavailable", new IllegalStateException("outage"));
    }
    passages.addAndGet(texts.size());
    return model.embedPassages(texts);
  }
}
