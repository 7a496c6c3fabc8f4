package dev.ragkb.indexing.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.RetrievalSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KnowledgeBaseModelsTest {

  private final HashingEmbeddingModel small = new HashingEmbeddingModel(8);
  private final HashingEmbeddingModel large = new HashingEmbeddingModel(16);
  private final AtomicInteger reads = new AtomicInteger();

  private final KnowledgeBaseStore store = new KnowledgeBaseStore() {
    private final Map<String, KnowledgeBase> byId = Map.of(
        "1", new KnowledgeBase("1", "manuals", "en", small.name(), Instant.EPOCH),
        "2", new KnowledgeBase("2", "shouce", "zh", large.name(), Instant.EPOCH));

    @Override
    public void create(KnowledgeBase kb) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<KnowledgeBase> findByName(String name) {
      return byId.values().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    @Override
    public Optional<KnowledgeBase> findById(String id) {
      reads.incrementAndGet();
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public void updateRetrieval(String id, RetrievalSettings retrieval) {}

    @Override
    public List<KnowledgeBase> list() {
      return List.copyOf(byId.values());
    }
  };

  private final KnowledgeBaseModels models = new KnowledgeBaseModels(store, new EmbeddingModelRegistry(
      new EmbeddingModelRegistry.Settings(List.of(small.name(), large.name()), Map.of()),
      name -> name.equals(small.name()) ? small : large));

  @Test
  void eachKnowledgeBaseGetsTheModelRecordedWithItAndTheRecordIsReadOnce() {
    assertThat(models.forKnowledgeBase("1")).isSameAs(small);
    assertThat(models.forKnowledgeBase("2")).isSameAs(large);
    assertThat(models.forKnowledgeBase("1")).isSameAs(small);
    assertThat(models.forKnowledgeBase("2")).isSameAs(large);

    assertThat(reads).hasValue(2);
  }

  @Test
  void anUnknownKnowledgeBaseIsNotFound() {
    assertThatThrownBy(() -> models.forKnowledgeBase("3")).isInstanceOf(NotFoundException.class).hasMessageContaining("3");
  }
}
