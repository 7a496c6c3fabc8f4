package dev.ragkb.indexing.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The build's onnxruntime is the CPU one and this machine has no GPU: the first tests run the real
 * fall-back paths; the others stand in a runtime that has CUDA, whose probe fails or succeeds.
 */
class DeviceTest {

  private final List<ExecutionProvider> probed = new CopyOnWriteArrayList<>();

  private Device.Probe probe(boolean works) {
    return provider -> {
      probed.add(provider);
      if (!works) {
        throw new IllegalStateException("CUDA failure 100: no CUDA-capable device is detected");
      }
    };
  }

  private static Device.Probe realSession() {
    return provider -> OnnxEmbeddingModel.probe(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q, provider);
  }

  @Test
  void autoFallsBackToTheCpuWithTheCpuBuildOfOnnxruntime() {
    assertThat(OrtEnvironment.getAvailableProviders()).doesNotContain(OrtProvider.CUDA);

    assertThat(Device.AUTO.resolve(realSession())).isEqualTo(ExecutionProvider.CPU);
  }

  @Test
  void cudaDemandedWithoutItRefusesToStartSayingWhy() {
    assertThatThrownBy(() -> Device.CUDA.resolve(realSession()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ragkb.embedding.device=cuda")
        .hasMessageContaining("no CUDA execution provider")
        .hasMessageContaining("onnxruntime_gpu");
  }

  @Test
  void cpuIsTakenAsAskedWithoutProbing() {
    assertThat(Device.CPU.resolve(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA), probe(true)))
        .isEqualTo(ExecutionProvider.CPU);
    assertThat(probed).isEmpty();
  }

  @Test
  void aCudaRuntimeWithoutAGpuFallsBackOnAutoAndFailsWhenCudaIsDemanded() {
    var gpuBuild = EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA);

    assertThat(Device.AUTO.resolve(gpuBuild, probe(false))).isEqualTo(ExecutionProvider.CPU);
    assertThatThrownBy(() -> Device.CUDA.resolve(gpuBuild, probe(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start")
        .hasMessageContaining("no CUDA-capable device")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(probed).containsExactly(ExecutionProvider.CUDA, ExecutionProvider.CUDA);
  }

  @Test
  void aWorkingGpuIsUsed() {
    var gpuBuild = EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA);

    assertThat(Device.AUTO.resolve(gpuBuild, probe(true))).isEqualTo(ExecutionProvider.CUDA);
    assertThat(Device.CUDA.resolve(gpuBuild, probe(true))).isEqualTo(ExecutionProvider.CUDA);
  }

  @Test
  void addingCudaToSessionOptionsFailsInTheCpuBuild() {
    assertThatThrownBy(ExecutionProvider.CUDA::sessionOptions).isInstanceOf(Exception.class);
  }
}
