package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RagkbException;
import dev.ragkb.core.RetriableException;
import java.io.IOException;

/** Translates the client's exceptions into ragkb's, in one place, keeping the cause. */
final class ElasticsearchFailures {

  private ElasticsearchFailures() {}

  /**
   * 429, 5xx and I/O failures (connection refused, timeouts) may pass when tried again; any other
   * error response means the request itself is wrong.
   */
  static RagkbException translate(String what, Exception e) {
    if (e instanceof RagkbException known) {
      return known;
    }
    if (e instanceof ElasticsearchException es) {
      int status = es.status();
      return status == 429 || status >= 500
          ? new RetriableException(what + ": " + es.error().type(), e)
          : new InvalidRequestException(what + ": " + es.error().type(), e);
    }
    if (e instanceof IOException) {
      return new RetriableException(what, e);
    }
    throw e instanceof RuntimeException r ? r : new IllegalStateException(what, e);
  }
}
