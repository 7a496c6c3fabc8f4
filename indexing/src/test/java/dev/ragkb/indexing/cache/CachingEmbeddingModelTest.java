package dev.ragkb.indexing.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.HashingEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbeddingModelTest {

  @TempDir Path dir;

  /** Records what reaches the model. */
  private static final class Counting implements EmbeddingModel {
    private final EmbeddingModel model;
    private final String name;
    final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> queries = Collections.synchronizedList(new ArrayList<>());

    Counting(String name) {
      this.model = new HashingEmbeddingModel(16);
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      calls.add(List.copyOf(passages));
      return model.embedPassages(passages);
    }

    @Override
    public float[] embedQuery(String query) {
      queries.add(query);
      return model.embedQuery(query);
    }
  }

  @Test
  void embedsOnlyPassagesItHasNotSeenAndKeepsTheOrder() throws Exception {
    var model = new Counting("bge");
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(model, cache);
      List<float[]> first = cached.embedPassages(List.of("alpha", "beta"));
      List<float[]> second = cached.embedPassages(List.of("beta", "gamma", "gamma", "alpha"));

      assertThat(model.calls).containsExactly(List.of("alpha", "beta"), List.of("gamma"));
      assertThat(second.get(0)).containsExactly(first.get(1));
      assertThat(second.get(3)).containsExactly(first.get(0));
      assertThat(second.get(1)).containsExactly(model.model.embedPassages(List.of("gamma")).getFirst());
      assertThat(second.get(2)).containsExactly(second.get(1));
    }
  }

  @Test
  void reingestingAfterARestartEmbedsNothing() throws Exception {
    var before = new Counting("bge");
    List<float[]> vectors;
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(before, cache);
      vectors = cached.embedPassages(List.of("alpha", "beta"));
    }
    var after = new Counting("bge");
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(after, cache);
      List<float[]> again = cached.embedPassages(List.of("alpha", "beta"));

      assertThat(after.calls).isEmpty();
      assertThat(again.get(0)).containsExactly(vectors.get(0));
      assertThat(again.get(1)).containsExactly(vectors.get(1));
    }
  }

  @Test
  void vectorsOfAnotherModelAreNeverReused() throws Exception {
    var en = new Counting("bge-small-en");
    var zh = new Counting("bge-small-zh");
    try (var cache = new EmbeddingCache(dir)) {
      var enCached = new CachingEmbeddingModel(en, cache);
      var zhCached = new CachingEmbeddingModel(zh, cache);
      enCached.embedPassages(List.of("alpha"));
      zhCached.embedPassages(List.of("alpha"));
      enCached.embedPassages(List.of("alpha"));
      zhCached.embedPassages(List.of("alpha"));
    }

    assertThat(en.calls).containsExactly(List.of("alpha"));
    assertThat(zh.calls).containsExactly(List.of("alpha"));
  }

  @Test
  void queriesPassThroughUncached() throws Exception {
    var model = new Counting("bge");
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(model, cache);
      cached.embedQuery("what is alpha");
      cached.embedQuery("what is alpha");

      assertThat(model.queries).hasSize(2);
      assertThat(model.calls).isEmpty();
      assertThat(cached.name()).isEqualTo("bge");
      assertThat(cached.dimension()).isEqualTo(16);
      assertThat(cached.embedPassages(List.of())).isEmpty();
    }
  }
}
