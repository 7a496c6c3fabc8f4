package dev.ragkb.indexing.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The device asked for in-process embeddings ({@code ragkb.embedding.device}). */
public enum Device {
  /** CUDA when this onnxruntime has it and a session starts on it, else the CPU. */
  AUTO,
  CPU,
  /** CUDA or nothing: a process that cannot embed on the GPU refuses to start. */
  CUDA;

  private static final Logger log = LoggerFactory.getLogger(Device.class);

  /** Starts a session on the provider, to prove it works; throws when it does not. */
  @FunctionalInterface
  public interface Probe {
    void tryOn(ExecutionProvider provider) throws Exception;
  }

  /**
   * Chooses the execution provider once, at start-up, and logs the choice.
   *
   * @param probe starts a real session on CUDA: only a session proves that a GPU, its driver and
   *     CUDA's libraries are all there
   * @throws IllegalStateException when {@link #CUDA} was asked for and cannot be had
   */
  public ExecutionProvider resolve(Probe probe) {
    return resolve(OrtEnvironment.getAvailableProviders(), probe);
  }

  ExecutionProvider resolve(Set<OrtProvider> inRuntime, Probe probe) {
    if (this == CPU) {
      log.info("embedding on CPU (ragkb.embedding.device=cpu)");
      return ExecutionProvider.CPU;
    }
    if (!inRuntime.contains(OrtProvider.CUDA)) {
      String why = "this onnxruntime has no CUDA execution provider (it offers " + inRuntime
          + "; the GPU build is the onnxruntime_gpu artifact, see the README)";
      if (this == CUDA) {
        throw new IllegalStateException("ragkb.embedding.device=cuda, but " + why);
      }
      log.info("embedding on CPU: {}", why);
      return ExecutionProvider.CPU;
    }
    try {
      probe.tryOn(ExecutionProvider.CUDA);
    } catch (Exception e) {
      String why = "onnxruntime's CUDA execution provider did not start (" + e.getMessage()
          + "); no GPU, or CUDA/cuDNN libraries missing";
      if (this == CUDA) {
        throw new IllegalStateException("ragkb.embedding.device=cuda, but " + why, e);
      }
      log.warn("embedding on CPU: {}", why);
      return ExecutionProvider.CPU;
    }
    log.info("embedding on GPU 0 with onnxruntime's CUDA execution provider");
    return ExecutionProvider.CUDA;
  }
}
