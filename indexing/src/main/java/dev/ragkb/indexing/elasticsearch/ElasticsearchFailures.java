package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import java.io.IOException;

/** Translates the client's exceptions into ragkb's, in one place, keeping the cause. */
final class ElasticsearchFailures {

  private ElasticsearchFailures() {}

  /**
   * What to throw for a failed call: 429, 5xx and I/O failures (connection refused, timeouts) may
   * pass when tried again; any other error response means the request itself is wrong; other
   * unchecked exceptions (ours, or a client bug) pass through unchanged.
   */
  static RuntimeException translate(String what, Exception e) {
    return switch (e) {
      case ElasticsearchException es when es.status() == 429 || es.status() >= 500 ->
          new RetriableException(what + ": " + es.error().type(), es);
      case ElasticsearchException es -> new InvalidRequestException(what + ": " + es.error().type(), es);
      case IOException io -> new RetriableException(what, io);
      case RuntimeException unchanged -> unchanged;
      default -> new IllegalStateException(what, e);
    };
  }
}
