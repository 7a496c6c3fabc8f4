package dev.ragkb.indexing.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Where onnxruntime runs a model: the choice {@link Device#resolve} makes once per process. */
public enum ExecutionProvider {
  CPU,
  /** onnxruntime's CUDA execution provider on GPU 0; needs the {@code onnxruntime_gpu} build, CUDA and cuDNN. */
  CUDA;

  /**
   * Options for a session on this provider; the caller closes them.
   *
   * @throws OrtException when the provider cannot be added (not in this build, or its libraries missing)
   */
  OrtSession.SessionOptions sessionOptions() throws OrtException {
    var options = new OrtSession.SessionOptions();
    try {
      if (this == CUDA) {
        options.addCUDA(0);
      }
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
