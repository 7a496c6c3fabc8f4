package dev.ragkb.indexing.http;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.Redacted;
import dev.ragkb.core.RetriableException;
import dev.ragkb.indexing.vector.UnitVectors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embeds with a GPU embedding service over HTTP ({@link EmbeddingApi}: OpenAI-compatible or TEI).
 *
 * <p>Passages are sent in batches of {@link Settings#batchSize}, the batches of one call in
 * parallel. At most {@link Settings#maxConcurrentRequests} requests are in flight across all
 * callers; further callers block until one ends, which slows ingestion down to the service's pace
 * instead of piling requests up in its queue.
 *
 * <p>Failures: 429, 502, 503, 504, a failed connection and a request that takes longer than {@link
 * Settings#requestTimeout} are retried up to {@link Settings#maxAttempts} (honouring {@code
 * Retry-After}, else with exponential backoff), then thrown as {@link RetriableException}; so are
 * other 5xx and a malformed response, without retrying. Other 4xx, and vectors of the wrong
 * dimension, are configuration errors: {@link InvalidRequestException}.
 *
 * <p>Thread-safe; close it to release the connection pool.
 */
public final class HttpEmbeddingModel implements EmbeddingModel, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpEmbeddingModel.class);

  private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

  /** How much of an error body goes into an exception message; services put one JSON object there. */
  private static final int MAX_ERROR_CHARS = 500;

  /**
   * Where the service is and how to use it.
   *
   * @param baseUrl the service's root, such as {@code http://tei:8080}; the API's path is resolved
   *     against it (a trailing {@code /v1} is accepted too)
   * @param api its wire format
   * @param model the model's name: sent to OpenAI-compatible services, and recorded with every
   *     knowledge base embedded by it
   * @param apiKey sent as {@code Authorization: Bearer}; null when the service needs none
   * @param dimension the length of the service's vectors, checked on every response
   * @param batchSize passages per request (TEI's default {@code --max-client-batch-size} is 32)
   * @param maxConcurrentRequests requests in flight at most, across all callers
   * @param connectTimeout to open a TCP connection
   * @param requestTimeout from sending a request to the whole response
   * @param maxAttempts tries per batch, the first included
   * @param initialBackoff wait before the second try; doubles for each further one
   * @param maxBackoff the longest wait, also the cap on a service's {@code Retry-After}
   * @param queryInstruction prepended to queries (bge-*-en-v1.5: optional; e5: {@code "query: "})
   */
  public record Settings(URI baseUrl, EmbeddingApi api, String model, @Nullable String apiKey, int dimension,
      int batchSize, int maxConcurrentRequests, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration initialBackoff, Duration maxBackoff, String queryInstruction) {
    @Override
    public String toString() {
      return Redacted.toString(this, "apiKey");
    }

    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(api, "api");
      Objects.requireNonNull(queryInstruction, "queryInstruction");
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("the embedding service's model must be named");
      }
      if (dimension < 1 || batchSize < 1 || maxConcurrentRequests < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("dimension, batchSize, maxConcurrentRequests and maxAttempts must be >= 1");
      }
      for (Duration d : List.of(connectTimeout, requestTimeout, initialBackoff, maxBackoff)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts and backoff must be positive: " + d);
        }
      }
    }
  }

  private final Settings settings;
  private final Executor executor;
  private final HttpClient http;
  private final URI endpoint;
  private final Semaphore inFlight;
  private final JsonMapper json = JsonMapper.builder().build();

  /** @param executor runs the batches of one call in parallel: a virtual-thread executor */
  public HttpEmbeddingModel(Settings settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
    // HTTP/1.1: the services speak it (axum, uvicorn), and it avoids an h2c upgrade attempt per connection
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .build();
    String base = settings.baseUrl().toString().replaceAll("/+$", "").replaceAll("/v1$", "");
    this.endpoint = URI.create(base + settings.api().path());
    this.inFlight = new Semaphore(settings.maxConcurrentRequests(), true);
  }

  @Override
  public String name() {
    return settings.model();
  }

  @Override
  public int dimension() {
    return settings.dimension();
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < passages.size(); i += settings.batchSize()) {
      batches.add(passages.subList(i, Math.min(passages.size(), i + settings.batchSize())));
    }
    if (batches.size() <= 1) {
      return batches.isEmpty() ? List.of() : embedBatch(batches.getFirst());
    }
    List<CompletableFuture<List<float[]>>> futures =
        batches.stream().map(b -> CompletableFuture.supplyAsync(() -> embedBatch(b), executor)).toList();
    List<float[]> out = new ArrayList<>(passages.size());
    try {
      futures.forEach(f -> out.addAll(f.join()));
    } catch (CompletionException e) {
      futures.forEach(f -> f.cancel(false));
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return out;
  }

  @Override
  public float[] embedQuery(String query) {
    return embedBatch(List.of(settings.queryInstruction() + query)).getFirst();
  }

  private List<float[]> embedBatch(List<String> batch) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while waiting for the embedding service", e);
    }
    // The permit is kept through the backoff: a service that answered 429 should see less traffic, not the same.
    try {
      return withRetries(batch);
    } finally {
      inFlight.release();
    }
  }

  private List<float[]> withRetries(List<String> batch) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(settings.api().request(json, settings.model(), batch))));
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    HttpRequest request = builder.build();
    for (int attempt = 1; ; attempt++) {
      @Nullable Duration retryAfter = null;
      RetriableException failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
          return unitVectors(response.body(), batch.size());
        }
        String message = "embedding service " + endpoint + " answered " + status + ": " + excerpt(response.body());
        if (!RETRIED.contains(status)) {
          throw status >= 500 ? new RetriableException(message, null) : new InvalidRequestException(message);
        }
        failure = new RetriableException(message, null);
        retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpEmbeddingModel::seconds).orElse(null);
      } catch (HttpTimeoutException e) {
        failure = new RetriableException("embedding service " + endpoint + " timed out", e);
      } catch (IOException e) {
        failure = new RetriableException("cannot reach the embedding service " + endpoint, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetriableException("interrupted while calling the embedding service", e);
      }
      if (attempt >= settings.maxAttempts()) {
        throw failure;
      }
      Duration wait = backoff(attempt, retryAfter);
      log.warn("{}; attempt {} of {}, next in {} ms", failure.getMessage(), attempt, settings.maxAttempts(), wait.toMillis());
      pause(wait);
    }
  }

  private List<float[]> unitVectors(String body, int expected) {
    List<float[]> vectors;
    try {
      vectors = settings.api().vectors(json.readTree(body), expected);
    } catch (JacksonException | EmbeddingApi.MalformedResponseException e) {
      throw new RetriableException("embedding service " + endpoint + " sent a malformed response: " + e.getMessage(), e);
    }
    for (float[] v : vectors) {
      if (v.length != settings.dimension()) {
        throw new InvalidRequestException("embedding service " + endpoint + " returns " + v.length
            + "-dimensional vectors, configured for " + settings.dimension());
      }
      // services normalize on request, but not all do by default
      UnitVectors.normalizeInPlace(v);
    }
    return vectors;
  }

  Duration backoff(int attempt, @Nullable Duration retryAfter) {
    Duration wait = retryAfter != null
        ? retryAfter
        : settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  private static Optional<Duration> seconds(String retryAfter) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
    } catch (NumberFormatException e) {
      // the HTTP-date form: fall back to our own backoff
      return Optional.empty();
    }
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while backing off from the embedding service", e);
    }
  }

  private static String excerpt(String body) {
    return body.length() <= MAX_ERROR_CHARS ? body : body.substring(0, MAX_ERROR_CHARS) + "...";
  }

  @Override
  public void close() {
    http.close();
  }
}
