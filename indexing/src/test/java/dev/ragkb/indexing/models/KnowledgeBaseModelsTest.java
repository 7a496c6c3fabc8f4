package dev.ragkb.indexing.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.InMemoryKnowledgeBaseStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeBaseModelsTest {

  private final HashingEmbeddingModel small = new HashingEmbeddingModel(8);
  private final HashingEmbeddingModel large = new HashingEmbeddingModel(16);
  private final InMemoryKnowledgeBaseStore store = new InMemoryKnowledgeBaseStore(
      new KnowledgeBase("1", "manuals", "en", small.name(), Instant.EPOCH),
      new KnowledgeBase("2", "shouce", "zh", large.name(), Instant.EPOCH));

  private final KnowledgeBaseModels models = new KnowledgeBaseModels(store, new EmbeddingModelRegistry(
      new EmbeddingModelRegistry.Settings(List.of(small.name(), large.name()), Map.of()),
      name -> name.equals(small.name()) ? small : large));

  @Test
  void eachKnowledgeBaseGetsTheModelRecordedWithItAndTheRecordIsReadOnce() {
    assertThat(models.forKnowledgeBase("1")).isSameAs(small);
    assertThat(models.forKnowledgeBase("2")).isSameAs(large);
    assertThat(models.forKnowledgeBase("1")).isSameAs(small);
    assertThat(models.forKnowledgeBase("2")).isSameAs(large);

    assertThat(store.lookupsById()).isEqualTo(2);
  }

  @Test
  void anUnknownKnowledgeBaseIsNotFound() {
    assertThatThrownBy(() -> models.forKnowledgeBase("3")).isInstanceOf(NotFoundException.class).hasMessageContaining("3");
  }
}
