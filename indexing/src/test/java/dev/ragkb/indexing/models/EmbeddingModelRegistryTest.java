package dev.ragkb.indexing.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EmbeddingModelRegistryTest {

  private static final String EN = "bge-small-en-v1.5-q";
  private static final String ZH = "bge-small-zh-v1.5-q";

  private final List<String> loads = new CopyOnWriteArrayList<>();

  private EmbeddingModelRegistry registry(List<String> served) {
    return new EmbeddingModelRegistry(new EmbeddingModelRegistry.Settings(served, Map.of("zh", ZH)), name -> {
      loads.add(name);
      return new Named(name, name.equals(ZH) ? 512 : 384);
    });
  }

  /** A stand-in model with a name and a dimension of its own, that remembers being closed. */
  private static final class Named implements EmbeddingModel, AutoCloseable {
    private final String name;
    private final HashingEmbeddingModel vectors;
    final AtomicBoolean closed = new AtomicBoolean();

    Named(String name, int dimension) {
      this.name = name;
      this.vectors = new HashingEmbeddingModel(dimension);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int dimension() {
      return vectors.dimension();
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      return vectors.embedPassages(passages);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void servesTheDefaultFirstAndLoadsNothingUntilAModelIsAskedFor() {
    var models = registry(List.of(EN, ZH));

    assertThat(models.defaultModel()).isEqualTo(EN);
    assertThat(models.served()).containsExactly(EN, ZH);
    assertThat(loads).isEmpty();

    assertThat(models.forName(ZH).dimension()).isEqualTo(512);
    assertThat(models.forName(ZH)).isSameAs(models.forName(ZH));
    assertThat(loads).containsExactly(ZH);
  }

  @Test
  void aChineseKnowledgeBaseGetsTheChineseModelOnlyWhenItIsServed() {
    var both = registry(List.of(EN, ZH));
    assertThat(both.modelFor("zh")).isEqualTo(ZH);
    assertThat(both.modelFor("zh-CN")).isEqualTo(ZH);
    assertThat(both.modelFor("ZH_hans")).isEqualTo(ZH);
    assertThat(both.modelFor("en")).isEqualTo(EN);
    assertThat(both.modelFor("de")).isEqualTo(EN);

    var englishOnly = registry(List.of(EN));
    assertThat(englishOnly.modelFor("zh")).isEqualTo(EN);
  }

  @Test
  void refusesAModelItDoesNotServeNamingTheServedOnes() {
    var models = registry(List.of(EN, ZH));

    assertThatThrownBy(() -> models.forName("text-embedding-3-large"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("text-embedding-3-large")
        .hasMessageContaining(EN + ", " + ZH);
    assertThat(loads).isEmpty();
  }

  @Test
  void loadsAModelOnceWhenManyAskAtTheSameMoment() throws Exception {
    var models = registry(List.of(EN, ZH));
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<EmbeddingModel>> got = new java.util.ArrayList<>();
      for (int i = 0; i < callers; i++) {
        got.add(pool.submit(() -> {
          start.await();
          return models.forName(EN);
        }));
      }
      start.countDown();
      EmbeddingModel first = got.getFirst().get();
      for (Future<EmbeddingModel> f : got) {
        assertThat(f.get()).isSameAs(first);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(loads).containsExactly(EN);
  }

  @Test
  void closesTheModelsItLoaded() throws Exception {
    var models = registry(List.of(EN, ZH));
    var en = (Named) models.forName(EN);

    models.close();

    assertThat(en.closed).isTrue();
    assertThat(loads).containsExactly(EN);
  }
}
