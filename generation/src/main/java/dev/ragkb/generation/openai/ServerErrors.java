package dev.ragkb.generation.openai;

import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Translates a generator's HTTP error answers into ragkb's exceptions, in one table. */
final class ServerErrors {

  /** 429, 502-504 or no connection: worth another try, after the server's hint if it gave one. */
  static final class TryAgain extends RetriableException {
    private final @Nullable Duration retryAfter;

    TryAgain(String message, @Nullable Duration retryAfter) {
      super(message, null);
      this.retryAfter = retryAfter;
    }

    @Nullable Duration retryAfter() {
      return retryAfter;
    }
  }

  private ServerErrors() {}

  /**
   * 429 and the overload and gateway 5xx: {@link TryAgain}; other 5xx: {@link RetriableException};
   * other 4xx (context too long, unknown model): {@link InvalidRequestException}.
   */
  static RuntimeException of(int status, HttpHeaders headers, String body, JsonMapper json) {
    String message = "the generator answered HTTP " + status + ": " + message(body, json);
    return switch (status) {
      case 429, 502, 503, 504 -> new TryAgain(message, retryAfter(headers));
      default -> status >= 500 ? new RetriableException(message, null) : new InvalidRequestException(message);
    };
  }

  /** The message of OpenAI's and vLLM's {"error": {"message"}}, vLLM's older {"message"}, TGI's {"error": "..."}. */
  private static String message(String body, JsonMapper json) {
    try {
      JsonNode node = json.readTree(body);
      JsonNode error = node.path("error");
      if (error.isString()) {
        return error.asString();
      }
      String message = error.path("message").asString(node.path("message").asString(""));
      return message.isEmpty() ? abbreviate(body) : message;
    } catch (JacksonException e) {
      return abbreviate(body);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Only the delay-seconds form: the servers we speak to do not send HTTP dates. */
  private static @Nullable Duration retryAfter(HttpHeaders headers) {
    OptionalLong seconds = headers.firstValueAsLong("Retry-After");
    return seconds.isPresent() && seconds.getAsLong() >= 0 ? Duration.ofSeconds(seconds.getAsLong()) : null;
  }
}
