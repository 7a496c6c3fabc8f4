package dev.ragkb.indexing.onnx;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.indexing.vector.UnitVectors;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Embeds in process with an ONNX model shipped in a Maven artifact. Vectors are unit length, so
 * dot product equals cosine similarity.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {

  /** The default model: bge-small-en-v1.5, int8-quantized (about 2x the speed of fp32 for -0.009 nDCG@10 on SciFact, STACK.md). */
  public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";

  /** For Chinese knowledge bases: bge-small-zh-v1.5, int8-quantized, 512 dimensions. */
  public static final String BGE_SMALL_ZH_V15_Q = "bge-small-zh-v1.5-q";

  /**
   * Settings.
   *
   * @param modelName one of the names in {@link #SUPPORTED}
   * @param queryInstruction prepended to queries; empty by default because the BGE instruction did
   *     not help on SciFact (STACK.md), and v1.5's model card makes it optional
   */
  public record Settings(String modelName, String queryInstruction) {
    public Settings {
      Objects.requireNonNull(queryInstruction, "queryInstruction");
      if (!SUPPORTED.contains(modelName)) {
        throw new InvalidRequestException("unknown embedding model '" + modelName + "', supported: " + SUPPORTED);
      }
    }
  }

  public static final List<String> SUPPORTED = List.of(BGE_SMALL_EN_V15_Q, BGE_SMALL_ZH_V15_Q);

  private final Settings settings;
  private final AbstractInProcessEmbeddingModel model;

  /**
   * Loads the model (about a second): construct once at start-up.
   *
   * @param executor the CPU-bound pool that batches are spread over
   */
  public OnnxEmbeddingModel(Settings settings, Executor executor) {
    this.settings = settings;
    this.model = switch (settings.modelName()) {
      case BGE_SMALL_ZH_V15_Q -> new BgeSmallZhV15QuantizedEmbeddingModel(executor);
      default -> new BgeSmallEnV15QuantizedEmbeddingModel(executor);
    };
  }

  @Override
  public String name() {
    return settings.modelName();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    if (passages.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = passages.stream().map(TextSegment::from).toList();
    return model.embedAll(segments).content().stream().map(e -> UnitVectors.normalizeInPlace(e.vector())).toList();
  }

  @Override
  public float[] embedQuery(String query) {
    return embedPassages(List.of(settings.queryInstruction() + query)).getFirst();
  }
}
