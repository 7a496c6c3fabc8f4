package dev.ragkb.indexing.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.indexing.vector.UnitVectors;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Embeds in process with an ONNX model shipped in a Maven artifact (langchain4j's bge packages put
 * the model and its tokenizer at the root of the classpath). Vectors are unit length, so dot product
 * equals cosine similarity. The session is created here rather than by langchain4j's model classes,
 * which hold it in a static field on default options: this way it runs on the chosen {@link
 * ExecutionProvider} and is closed with the model.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel, AutoCloseable {

  /** The default model: bge-small-en-v1.5, int8-quantized (about 2x the speed of fp32 for -0.009 nDCG@10 on SciFact, STACK.md). */
  public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";

  /** For Chinese knowledge bases: bge-small-zh-v1.5, int8-quantized, 512 dimensions. */
  public static final String BGE_SMALL_ZH_V15_Q = "bge-small-zh-v1.5-q";

  /** Where a model's files are on the classpath, and its vectors' length. */
  private record Files(String model, String tokenizer, int dimension) {
    static Files of(String name, int dimension) {
      return new Files(name + ".onnx", name + "-tokenizer.json", dimension);
    }
  }

  private static final Map<String, Files> FILES = Map.of(
      BGE_SMALL_EN_V15_Q, Files.of(BGE_SMALL_EN_V15_Q, 384),
      BGE_SMALL_ZH_V15_Q, Files.of(BGE_SMALL_ZH_V15_Q, 512));

  /** Every model this class can load, the default first; {@link #onClasspath} says which can be loaded here. */
  public static final List<String> SUPPORTED = List.of(BGE_SMALL_EN_V15_Q, BGE_SMALL_ZH_V15_Q);

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

  private final Settings settings;
  private final ExecutionProvider provider;
  private final OrtSession session;
  private final AbstractInProcessEmbeddingModel model;

  /** Loads the model on the CPU. */
  public OnnxEmbeddingModel(Settings settings, Executor executor) {
    this(settings, ExecutionProvider.CPU, executor);
  }

  /**
   * Loads the model (about a second, and 100-200 MB): construct once, on first use.
   *
   * @param executor the CPU-bound pool that batches are spread over
   * @throws IllegalStateException when the model's artifact is not on the classpath or the session does not start
   */
  public OnnxEmbeddingModel(Settings settings, ExecutionProvider provider, Executor executor) {
    this.settings = settings;
    this.provider = provider;
    Files files = FILES.get(settings.modelName());
    try (InputStream tokenizer = resource(files.tokenizer())) {
      this.session = createSession(files, provider);
      OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), session, tokenizer,
          PoolingMode.CLS);
      this.model = new AbstractInProcessEmbeddingModel(executor) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }

        @Override
        protected Integer knownDimension() {
          return files.dimension();
        }
      };
    } catch (IOException | OrtException e) {
      throw new IllegalStateException("cannot load embedding model " + settings.modelName() + " on " + provider, e);
    }
  }

  /** The models of {@link #SUPPORTED} whose artifact is on the classpath, in that order. */
  public static List<String> onClasspath() {
    return SUPPORTED.stream().filter(m -> loader().getResource(FILES.get(m).model()) != null).toList();
  }

  /**
   * Starts and closes a session of the model on the provider: {@link Device.Probe}'s real test.
   *
   * @throws OrtException when the session does not start
   */
  public static void probe(String modelName, ExecutionProvider provider) throws OrtException, IOException {
    createSession(FILES.get(modelName), provider).close();
  }

  private static OrtSession createSession(Files files, ExecutionProvider provider) throws OrtException, IOException {
    byte[] bytes;
    try (InputStream in = resource(files.model())) {
      bytes = in.readAllBytes();
    }
    try (OrtSession.SessionOptions options = provider.sessionOptions()) {
      return OrtEnvironment.getEnvironment().createSession(bytes, options);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = loader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (its langchain4j-embeddings-bge-* artifact is missing)");
    }
    return in;
  }

  private static ClassLoader loader() {
    return OnnxEmbeddingModel.class.getClassLoader();
  }

  @Override
  public String name() {
    return settings.modelName();
  }

  /** Where this model runs. */
  public ExecutionProvider executionProvider() {
    return provider;
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

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
