package dev.ragkb.indexing.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.RecordingEmbeddingModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbeddingModelTest {

  @TempDir Path dir;

  @Test
  void embedsOnlyPassagesItHasNotSeenAndKeepsTheOrder() throws Exception {
    var model = new RecordingEmbeddingModel("bge", 16);
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(model, cache);
      List<float[]> first = cached.embedPassages(List.of("alpha", "beta"));
      List<float[]> second = cached.embedPassages(List.of("beta", "gamma", "gamma", "alpha"));

      assertThat(model.batches()).containsExactly(List.of("alpha", "beta"), List.of("gamma"));
      assertThat(second.get(0)).containsExactly(first.get(1));
      assertThat(second.get(3)).containsExactly(first.get(0));
      assertThat(second.get(1)).containsExactly(new HashingEmbeddingModel(16).embedPassages(List.of("gamma")).getFirst());
      assertThat(second.get(2)).containsExactly(second.get(1));
    }
  }

  @Test
  void reingestingAfterARestartEmbedsNothing() throws Exception {
    var before = new RecordingEmbeddingModel("bge", 16);
    List<float[]> vectors;
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(before, cache);
      vectors = cached.embedPassages(List.of("alpha", "beta"));
    }
    var after = new RecordingEmbeddingModel("bge", 16);
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(after, cache);
      List<float[]> again = cached.embedPassages(List.of("alpha", "beta"));

      assertThat(after.batches()).isEmpty();
      assertThat(again.get(0)).containsExactly(vectors.get(0));
      assertThat(again.get(1)).containsExactly(vectors.get(1));
    }
  }

  @Test
  void vectorsOfAnotherModelAreNeverReused() throws Exception {
    var en = new RecordingEmbeddingModel("bge-small-en", 16);
    var zh = new RecordingEmbeddingModel("bge-small-zh", 16);
    try (var cache = new EmbeddingCache(dir)) {
      var enCached = new CachingEmbeddingModel(en, cache);
      var zhCached = new CachingEmbeddingModel(zh, cache);
      enCached.embedPassages(List.of("alpha"));
      zhCached.embedPassages(List.of("alpha"));
      enCached.embedPassages(List.of("alpha"));
      zhCached.embedPassages(List.of("alpha"));
    }

    assertThat(en.batches()).containsExactly(List.of("alpha"));
    assertThat(zh.batches()).containsExactly(List.of("alpha"));
  }

  @Test
  void queriesPassThroughUncached() throws Exception {
    var model = new RecordingEmbeddingModel("bge", 16);
    try (var cache = new EmbeddingCache(dir)) {
      var cached = new CachingEmbeddingModel(model, cache);
      cached.embedQuery("what is alpha");
      cached.embedQuery("what is alpha");

      assertThat(model.queries()).hasSize(2);
      assertThat(model.batches()).isEmpty();
      assertThat(cached.name()).isEqualTo("bge");
      assertThat(cached.dimension()).isEqualTo(16);
      assertThat(cached.embedPassages(List.of())).isEmpty();
    }
  }
}
