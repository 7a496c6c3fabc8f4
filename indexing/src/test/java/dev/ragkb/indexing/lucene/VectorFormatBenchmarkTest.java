package dev.ragkb.indexing.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFormatBenchmarkTest {

  @TempDir Path dir;

  private final VectorFormatBenchmark bench = new VectorFormatBenchmark(new VectorFormatBenchmark.Settings(2_000, 32, 20, 10, 500, 42));

  @Test
  void measuresFloatVectorsAgainstExactSearch() {
    var r = bench.run(VectorFormat.FLOAT32, dir.resolve("float"));

    assertThat(r.vectors()).isEqualTo(2_000);
    assertThat(r.recall()).isBetween(0.8, 1.0);
    assertThat(r.offHeapBytes()).containsKeys("vec", "vex").doesNotContainKey("veq");
    // 2,000 x 32 floats at least
    assertThat(r.hotVectorBytes()).isGreaterThanOrEqualTo(2_000L * 32 * 4);
    assertThat(r.indexBytes()).isGreaterThan(r.hotVectorBytes());
    assertThat(r.p95Ms()).isGreaterThanOrEqualTo(r.p50Ms());
  }

  @Test
  void measuresQuantizedVectorsWhichKeepAboutAQuarterOfTheBytesHot() {
    var f = bench.run(VectorFormat.FLOAT32, dir.resolve("float"));
    var q = bench.run(VectorFormat.INT8, dir.resolve("int8"));

    assertThat(q.offHeapBytes()).containsKeys("vec", "vex", "veq");
    assertThat(q.recall()).isBetween(0.7, 1.0);
    assertThat(q.offHeapBytes().get("veq")).isLessThan(f.offHeapBytes().get("vec") / 2);
  }
}
