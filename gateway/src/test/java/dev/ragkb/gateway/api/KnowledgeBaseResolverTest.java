package dev.ragkb.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.ConflictException;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.InMemoryKnowledgeBaseStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.indexing.models.EmbeddingModelRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeBaseResolverTest {

  private static final HashingEmbeddingModel SERVED = new HashingEmbeddingModel(8);

  private final KnowledgeBase same = new KnowledgeBase("1", "en", "en", SERVED.name(), Instant.EPOCH);
  private final KnowledgeBase other = new KnowledgeBase("2", "zh", "zh", "bge-small-zh-v1.5-q", Instant.EPOCH);
  private final KnowledgeBaseResolver resolver = new KnowledgeBaseResolver(new InMemoryKnowledgeBaseStore(same, other),
      new EmbeddingModelRegistry(new EmbeddingModelRegistry.Settings(List.of(SERVED.name()), Map.of()), name -> SERVED));

  @Test
  void embedsOnlyForAKnowledgeBaseOfTheServedModel() {
    assertThat(resolver.forEmbedding("en")).isEqualTo(same);
    assertThatThrownBy(() -> resolver.forEmbedding("zh"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("bge-small-zh-v1.5-q")
        .hasMessageContaining(SERVED.name());
  }

  @Test
  void stillShowsAKnowledgeBaseOfAnotherModel() {
    assertThat(resolver.byName("zh")).isEqualTo(other);
    assertThatThrownBy(() -> resolver.byName("fr")).isInstanceOf(NotFoundException.class);
  }
}
