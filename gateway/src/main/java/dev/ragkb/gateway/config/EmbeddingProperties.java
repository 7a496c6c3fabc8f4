package dev.ragkb.gateway.config;

import dev.ragkb.core.Redacted;
import dev.ragkb.indexing.onnx.Device;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedding model: in process on ONNX, or a GPU embedding service over HTTP.
 *
 * @param provider {@code onnx} (in process, the default), {@code openai} (a service serving {@code
 *     /v1/embeddings}: vLLM, Infinity, Ollama, OpenAI) or {@code tei} (Hugging Face Text Embeddings
 *     Inference, {@code /embed})
 * @param model the default model of new knowledge bases: for {@code onnx} one of {@code
 *     bge-small-en-v1.5-q} and {@code bge-small-zh-v1.5-q} (both are served; a knowledge base in
 *     Chinese gets the latter unless its creator names a model); for a service, the name it serves
 *     the model under (the only one served)
 * @param device where {@code onnx} runs: {@code auto} (CUDA when this onnxruntime has it and a GPU
 *     answers, else the CPU), {@code cpu}, or {@code cuda} (refuse to start without it)
 * @param queryInstruction prepended to queries (empty: the BGE instruction did not help on SciFact)
 * @param threads CPU threads for in-process inference; 0 means one per core
 * @param cache remember passage vectors under the data dir, so re-ingesting embeds nothing twice
 * @param url the service's root, such as {@code http://tei:8080} ({@code RAGKB_EMBEDDING_URL});
 *     required by {@code openai} and {@code tei}
 * @param apiKey sent to the service as {@code Authorization: Bearer} when set
 * @param dimension the length of the service's vectors (bge-small: 384)
 * @param batchSize passages per request to the service (TEI's default limit is 32)
 * @param maxConcurrentRequests requests in flight to the service at most; further batches wait
 * @param connectTimeout to open a connection to the service
 * @param requestTimeout for one request to the service, response included
 * @param maxAttempts tries per batch on 429, 502-504, timeouts and refused connections
 * @param initialBackoff wait before the second try, doubling after
 * @param maxBackoff the longest wait between tries, and the cap on the service's Retry-After
 */
@Validated
@ConfigurationProperties("ragkb.embedding")
public record EmbeddingProperties(
    @DefaultValue("onnx") @NotNull Provider provider,
    @DefaultValue("bge-small-en-v1.5-q") @NotBlank String model,
    @DefaultValue("") String queryInstruction,
    @DefaultValue("auto") @NotNull Device device,
    @DefaultValue("0") @Min(0) int threads,
    @DefaultValue("true") boolean cache,
    @Nullable URI url,
    @Nullable String apiKey,
    @DefaultValue("384") @Min(1) int dimension,
    @DefaultValue("32") @Min(1) int batchSize,
    @DefaultValue("4") @Min(1) int maxConcurrentRequests,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("60s") Duration requestTimeout,
    @DefaultValue("5") @Min(1) int maxAttempts,
    @DefaultValue("500ms") Duration initialBackoff,
    @DefaultValue("30s") Duration maxBackoff) {
  @Override
  public String toString() {
    return Redacted.toString(this, "apiKey");
  }

  /** Where vectors come from. */
  public enum Provider {
    ONNX,
    OPENAI,
    TEI
  }
}
