package dev.ragkb.ingest.pipeline;

import java.time.Duration;

/**
 * How a transport retries a stage that failed with a retriable error before it gives up on the
 * document.
 *
 * @param maxAttempts tries per document and stage, the first included
 * @param initialBackoff wait before the second try; doubled before each further one
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be > 0: " + maxAttempts);
    }
  }
}
