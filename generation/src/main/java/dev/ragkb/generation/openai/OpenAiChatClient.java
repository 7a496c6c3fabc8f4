package dev.ragkb.generation.openai;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.Redacted;
import dev.ragkb.core.RetriableException;
import dev.ragkb.generation.openai.ServerErrors.TryAgain;
import dev.ragkb.generation.openai.StreamingExchange.End;
import dev.ragkb.generation.openai.StreamingExchange.Event;
import dev.ragkb.generation.openai.StreamingExchange.Failed;
import dev.ragkb.generation.openai.StreamingExchange.Head;
import dev.ragkb.generation.openai.StreamingExchange.Line;
import dev.ragkb.generation.prompt.ChatMessage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams chat completions from an OpenAI-compatible server: vLLM, SGLang, TGI and Ollama all serve
 * {@code POST /v1/chat/completions} with {@code "stream": true} as server-sent events of {@code
 * chat.completion.chunk} objects, an optional usage chunk, and {@code data: [DONE]}.
 *
 * <p>Failures, and what happens to them:
 *
 * <ul>
 *   <li>no connection within {@link Settings#connectTimeout}, no first token within {@link
 *       Settings#firstTokenTimeout}, no end within {@link Settings#totalTimeout}, HTTP 429, 5xx, a
 *       connection dropped mid-stream, a malformed chunk or an error event: {@link
 *       RetriableException}. Of these, 429, 502, 503, 504 and failed connections are retried
 *       (honouring {@code Retry-After}, else with exponential backoff) up to {@link
 *       Settings#maxAttempts}: they come before any text, so a retry repeats nothing the caller
 *       saw. Timeouts are not retried: the caller's fallback is quicker than a second wait;
 *   <li>other 4xx (a context too long, an unknown model): {@link InvalidRequestException}, not
 *       retried;
 *   <li>an open circuit breaker: {@link RetriableException} at once, without a request.
 * </ul>
 *
 * Connections are pooled and kept alive by one {@link HttpClient}. Thread-safe; close it to release
 * the pool.
 */
public final class OpenAiChatClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpenAiChatClient.class);

  /** How much of an error body is read for the log; servers put one JSON object there. */
  private static final int MAX_ERROR_CHARS = 2000;

  /**
   * Where the server is and how patient to be with it.
   *
   * @param baseUrl the server's root, such as {@code http://vllm:8000}; {@code /v1/chat/completions}
   *     is resolved against it (a trailing {@code /v1} is accepted too)
   * @param apiKey sent as {@code Authorization: Bearer}; null when the server needs none
   * @param connectTimeout to open a TCP connection
   * @param firstTokenTimeout from sending the request to the first token of text, queueing and
   *     prompt processing included
   * @param totalTimeout from sending the request to the end of the answer
   * @param maxAttempts tries per answer, the first included
   * @param initialBackoff wait before the second try; doubles for each further one
   * @param maxBackoff the longest wait, also the cap on a server's {@code Retry-After}
   * @param breaker when to stop calling a failing server
   */
  public record Settings(URI baseUrl, @Nullable String apiKey, Duration connectTimeout, Duration firstTokenTimeout,
      Duration totalTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Breaker breaker) {
    @Override
    public String toString() {
      return Redacted.toString(this, "apiKey");
    }

    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      for (Duration d : List.of(connectTimeout, firstTokenTimeout, totalTimeout, maxBackoff)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts and backoff must be positive: " + d);
        }
      }
    }
  }

  /**
   * The circuit breaker: over the last {@code window} calls (once {@code minimumCalls} were made), a
   * failure rate of {@code failureRatePercent} or more opens it; it stays open for {@code openFor},
   * then lets a few calls probe the server.
   */
  public record Breaker(int window, int minimumCalls, float failureRatePercent, Duration openFor) {
    public Breaker {
      if (window < 1 || minimumCalls < 1 || failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("bad circuit breaker settings: " + window + ", " + minimumCalls + ", " + failureRatePercent);
      }
    }
  }

  /**
   * What the model is asked to do.
   *
   * @param model the model name the server knows
   * @param temperature sampling temperature
   * @param topP nucleus sampling mass
   * @param maxTokens most tokens of answer
   * @param includeUsage ask for the usage chunk ({@code stream_options.include_usage}); servers
   *     that reject the option need it off
   */
  public record Request(String model, List<ChatMessage> messages, double temperature, double topP, int maxTokens,
      boolean includeUsage) {
    public Request {
      Objects.requireNonNull(model, "model");
      messages = List.copyOf(messages);
    }
  }

  /**
   * How a completion ended.
   *
   * @param finishReason {@code stop}, {@code length}, ...; "unknown" when the server sent none
   * @param completionTokens tokens of answer: the server's usage count when it sent one, else the
   *     number of content chunks (servers stream about one token per chunk)
   */
  public record Completion(String finishReason, int completionTokens) {}

  /** Carries an exception thrown by the caller's consumer past the retry and the breaker. */
  private static final class ConsumerFailure extends RuntimeException {
    ConsumerFailure(RuntimeException cause) {
      super(cause);
    }
  }

  private final Settings settings;
  private final HttpClient http;
  private final URI endpoint;
  private final JsonMapper json = JsonMapper.builder().build();
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final MeterRegistry meters;

  /**
   * @param executor runs the HTTP client's work (reading sockets, parsing): a virtual-thread executor
   * @param meters where time to first token, tokens per second and latency are recorded
   */
  public OpenAiChatClient(Settings settings, Executor executor, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
    // HTTP/1.1: the servers speak it (uvicorn, axum, Go), and it avoids an h2c upgrade attempt per connection
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .executor(executor)
        .build();
    String base = settings.baseUrl().toString().replaceAll("/+$", "").replaceAll("/v1$", "");
    this.endpoint = URI.create(base + "/v1/chat/completions");
    this.breaker = CircuitBreaker.of("generator", CircuitBreakerConfig.custom()
        .slidingWindowSize(settings.breaker().window())
        .minimumNumberOfCalls(settings.breaker().minimumCalls())
        .failureRateThreshold(settings.breaker().failureRatePercent())
        .waitDurationInOpenState(settings.breaker().openFor())
        .recordException(e -> e instanceof RetriableException)
        .ignoreExceptions(ConsumerFailure.class)
        .build());
    this.retry = Retry.of("generator", RetryConfig.<Completion>custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnException(e -> e instanceof TryAgain)
        .intervalBiFunction(backoff())
        .build());
  }

  /**
   * Streams one completion, passing each piece of text to {@code onText} on the calling thread as it
   * arrives, and blocks until the end.
   *
   * @throws RetriableException when the server is unavailable, too slow or broke off (see above)
   * @throws InvalidRequestException when the server rejects the request
   * @throws RuntimeException whatever {@code onText} throws, after the request is cancelled
   */
  public Completion stream(Request request, Consumer<String> onText) {
    Timer.Sample total = Timer.start(meters);
    String outcome = "failure";
    try {
      Completion c = breaker.executeSupplier(() -> retry.executeSupplier(() -> attempt(request, onText)));
      outcome = "success";
      return c;
    } catch (CallNotPermittedException e) {
      outcome = "rejected";
      throw new RetriableException("the generator's circuit breaker is open", e);
    } catch (ConsumerFailure e) {
      outcome = "cancelled";
      throw (RuntimeException) e.getCause();
    } finally {
      total.stop(Timer.builder("ragkb.generator.latency")
          .description("Time from request to the end of a generated answer")
          .tags("model", request.model(), "outcome", outcome)
          .publishPercentileHistogram()
          .register(meters));
    }
  }

  private Completion attempt(Request request, Consumer<String> onText) {
    long start = System.nanoTime();
    long firstTokenDeadline = start + settings.firstTokenTimeout().toNanos();
    long totalDeadline = start + settings.totalTimeout().toNanos();
    Timer.Sample sinceStart = Timer.start(meters);
    try (var exchange = StreamingExchange.send(http, httpRequest(request))) {
      Head head = switch (exchange.next(Math.min(firstTokenDeadline, totalDeadline), "response headers")) {
        case Head h -> h;
        case Failed f -> throw new TryAgain("cannot reach the generator at " + endpoint + ": " + f.cause(), null);
        case Line l -> throw new IllegalStateException("body before headers");
        case End e -> throw new IllegalStateException("body before headers");
      };
      if (head.status() != 200) {
        throw ServerErrors.of(head.status(), head.headers(), exchange.body(totalDeadline, MAX_ERROR_CHARS), json);
      }
      return read(exchange, onText, firstTokenDeadline, totalDeadline, sinceStart, request.model());
    }
  }

  private Completion read(StreamingExchange exchange, Consumer<String> onText, long firstTokenDeadline,
      long totalDeadline, Timer.Sample sinceStart, String model) {
    var sse = new ServerSentEvents();
    int chunks = 0;
    int usageTokens = -1;
    @Nullable String finishReason = null;
    boolean doneMarker = false;
    boolean ended = false;
    long firstTokenAt = 0;
    while (!ended && !doneMarker) {
      boolean first = chunks == 0;
      Event event = exchange.next(first ? Math.min(firstTokenDeadline, totalDeadline) : totalDeadline,
          first ? "first token" : "end of the answer");
      Optional<String> data = switch (event) {
        case Line l -> sse.line(l.text());
        case End e -> {
          ended = true;
          yield sse.end();
        }
        case Failed f -> throw failure(first, "the connection to the generator broke: " + f.cause(), f.cause());
        case Head h -> throw new IllegalStateException("headers twice");
      };
      if (data.isEmpty()) {
        continue;
      }
      if (data.get().strip().equals("[DONE]")) {
        doneMarker = true;
        continue;
      }
      JsonNode chunk = parse(data.get(), first);
      if (chunk.hasNonNull("error")) {
        JsonNode error = chunk.get("error");
        throw failure(first, "the generator reported an error mid-stream: "
            + (error.isString() ? error.asString() : error.path("message").asString("")), null);
      }
      JsonNode usage = chunk.path("usage");
      if (usage.has("completion_tokens")) {
        usageTokens = usage.get("completion_tokens").asInt();
      }
      JsonNode choice = chunk.path("choices").path(0);
      String text = choice.path("delta").path("content").asString("");
      if (!text.isEmpty()) {
        if (first) {
          firstTokenAt = System.nanoTime();
          sinceStart.stop(Timer.builder("ragkb.generator.first.token")
              .description("Time from request to the first token of an answer")
              .tag("model", model)
              .publishPercentileHistogram()
              .register(meters));
        }
        chunks++;
        try {
          onText.accept(text);
        } catch (RuntimeException e) {
          throw new ConsumerFailure(e);
        }
      }
      if (choice.hasNonNull("finish_reason")) {
        finishReason = choice.get("finish_reason").asString();
      }
    }
    if (!doneMarker && finishReason == null) {
      throw failure(chunks == 0, "the stream ended before the answer was complete", null);
    }
    if (!ended) {
      exchange.drain(totalDeadline);
    }
    int tokens = usageTokens >= 0 ? usageTokens : chunks;
    double seconds = (System.nanoTime() - firstTokenAt) / 1e9;
    if (chunks > 0 && tokens > 1 && seconds > 0) {
      DistributionSummary.builder("ragkb.generator.tokens.per.second")
          .description("Answer tokens per second after the first token")
          .baseUnit("tokens/s")
          .tag("model", model)
          .publishPercentileHistogram()
          .register(meters)
          .record((tokens - 1) / seconds);
    }
    return new Completion(finishReason != null ? finishReason : "unknown", tokens);
  }

  private HttpRequest httpRequest(Request request) {
    ObjectNode body = json.createObjectNode();
    body.put("model", request.model());
    var messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      messages.addObject().put("role", m.role().wire()).put("content", m.content());
    }
    body.put("stream", true);
    if (request.includeUsage()) {
      body.putObject("stream_options").put("include_usage", true);
    }
    body.put("temperature", request.temperature());
    body.put("top_p", request.topP());
    body.put("max_tokens", request.maxTokens());
    var b = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      b.header("Authorization", "Bearer " + settings.apiKey());
    }
    return b.build();
  }

  private JsonNode parse(String data, boolean first) {
    try {
      return json.readTree(data);
    } catch (JacksonException e) {
      throw failure(first, "the generator sent a malformed chunk", e);
    }
  }

  private static RetriableException failure(boolean beforeFirstToken, String message, @Nullable Throwable cause) {
    return new RetriableException(beforeFirstToken ? message : message + " (mid-answer)", cause);
  }

  private IntervalBiFunction<Completion> backoff() {
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    return (attempt, outcome) -> {
      if (outcome.isLeft() && outcome.getLeft() instanceof TryAgain t && t.retryAfter() != null) {
        return Math.min(t.retryAfter().toMillis(), max);
      }
      long wait = initial << Math.min(attempt - 1, 20);
      log.debug("retrying the generator in {} ms (attempt {})", Math.min(wait, max), attempt + 1);
      return Math.min(wait, max);
    };
  }

  @Override
  public void close() {
    http.close();
  }
}
