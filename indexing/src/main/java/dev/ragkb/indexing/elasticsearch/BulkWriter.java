package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bulk operations with back-pressure: batches of at most {@code batchSize} operations, at
 * most {@code maxConcurrent} batches in flight across all callers (a caller blocks for a permit),
 * and operations the cluster rejects with 429 (its write queue is full) sent again after an
 * exponential backoff. Thread-safe.
 */
final class BulkWriter {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
  private static final int TOO_MANY_REQUESTS = 429;

  private final ElasticsearchClient client;
  private final int batchSize;
  private final Semaphore inFlight;
  private final int maxRetries;
  private final Duration backoff;

  BulkWriter(ElasticsearchClient client, int batchSize, int maxConcurrent, int maxRetries, Duration backoff) {
    this.client = client;
    this.batchSize = batchSize;
    this.inFlight = new Semaphore(maxConcurrent, true);
    this.maxRetries = maxRetries;
    this.backoff = backoff;
  }

  /**
   * Applies every operation to {@code index}. Batches are sent in order; an operation is applied at
   * least once.
   *
   * @throws RetriableException when the cluster is unavailable or still rejects operations after
   *     the retries
   * @throws InvalidRequestException when the cluster refuses an operation for good (a mapping error)
   */
  void write(String index, List<BulkOperation> operations) {
    for (int from = 0; from < operations.size(); from += batchSize) {
      List<BulkOperation> pending = operations.subList(from, Math.min(operations.size(), from + batchSize));
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt > maxRetries) {
          throw new RetriableException(
              "Elasticsearch still rejects " + pending.size() + " operations on " + index + " after " + maxRetries
                  + " retries", null);
        }
        if (attempt > 0) {
          pause(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
        }
        pending = rejected(index, pending, send(index, pending));
      }
    }
  }

  private BulkResponse send(String index, List<BulkOperation> batch) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while waiting to write to " + index, e);
    }
    try {
      return client.bulk(b -> b.index(index).operations(batch));
    } catch (Exception e) {
      throw ElasticsearchFailures.translate("cannot write to " + index, e);
    } finally {
      inFlight.release();
    }
  }

  /** The operations to send again; throws on the first permanent failure. */
  static List<BulkOperation> rejected(String index, List<BulkOperation> sent, BulkResponse response) {
    if (!response.errors()) {
      return List.of();
    }
    List<BulkOperation> again = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item.error() == null) {
        continue;
      }
      if (item.status() == TOO_MANY_REQUESTS) {
        again.add(sent.get(i));
      } else {
        throw new InvalidRequestException(
            "Elasticsearch refused chunk " + item.id() + " in " + index + ": " + item.error().type());
      }
    }
    log.debug("Elasticsearch rejected {} of {} operations on {}; retrying", again.size(), sent.size(), index);
    return again;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while backing off", e);
    }
  }
}
