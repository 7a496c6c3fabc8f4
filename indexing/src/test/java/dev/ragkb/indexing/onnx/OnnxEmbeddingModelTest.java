package dev.ragkb.indexing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.InvalidRequestException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbeddingModelTest {

  private static ExecutorService pool;
  private static OnnxEmbeddingModel model;

  @BeforeAll
  static void load() {
    pool = Executors.newFixedThreadPool(2);
    model = new OnnxEmbeddingModel(new OnnxEmbeddingModel.Settings(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q, ""), pool);
  }

  @AfterAll
  static void stop() throws Exception {
    model.close();
    pool.shutdown();
  }

  @Test
  void returnsUnitVectorsOfTheModelsDimensionInInputOrder() {
    List<float[]> vectors = model.embedPassages(List.of("first passage", "second passage", "third"));
    assertThat(vectors).hasSize(3);
    assertThat(model.dimension()).isEqualTo(384);
    for (float[] v : vectors) {
      assertThat(v).hasSize(384);
      assertThat(dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
    assertThat(vectors.get(0)).isEqualTo(model.embedPassages(List.of("first passage")).getFirst());
  }

  @Test
  void placesAParaphraseCloserThanAnUnrelatedSentence() {
    float[] q = model.embedQuery("How do I reset the router to factory settings?");
    List<float[]> p =
        model.embedPassages(
            List.of(
                "To restore factory defaults, hold the reset button for ten seconds.",
                "Invoices are issued on the first business day of each month."));
    assertThat(dot(q, p.get(0))).isGreaterThan(dot(q, p.get(1)) + 0.1);
  }

  @Test
  void embedsChineseWithBgeSmallZh() {
    var zh = new OnnxEmbeddingModel(new OnnxEmbeddingModel.Settings(OnnxEmbeddingModel.BGE_SMALL_ZH_V15_Q, ""), pool);
    float[] q = zh.embedQuery("员工每年有多少天年假？");
    List<float[]> p = zh.embedPassages(List.of("员工每年享有十五天带薪年假。", "路由器支持两个频段。"));

    assertThat(zh.name()).isEqualTo("bge-small-zh-v1.5-q");
    assertThat(zh.dimension()).isEqualTo(512);
    assertThat(p.getFirst()).hasSize(512);
    assertThat(dot(q, p.get(0))).isGreaterThan(dot(q, p.get(1)) + 0.1);
  }

  @Test
  void findsBothBgeArtifactsOnTheClasspath() {
    assertThat(OnnxEmbeddingModel.onClasspath())
        .containsExactly(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q, OnnxEmbeddingModel.BGE_SMALL_ZH_V15_Q);
    assertThat(model.executionProvider()).isEqualTo(ExecutionProvider.CPU);
  }

  @Test
  void rejectsAnUnknownModelName() {
    assertThatThrownBy(() -> new OnnxEmbeddingModel.Settings("gpt-embed-9000", ""))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("gpt-embed-9000");
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
