package dev.ragkb.ingest.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a stage's topic, in the stage's consumer group, on its own thread. It hands the
 * records to the stage in units (one record, or a batch for the embedding stage) and commits a unit's
 * offsets only after the stage has written its output: at-least-once. A crash before the commit
 * makes the group deliver the unit again, and every stage write is idempotent.
 */
final class StageWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(StageWorker.class);
  private static final Duration POLL = Duration.ofMillis(500);

  /** Processes one unit: writes its output downstream or dead-letters it, or throws to have it delivered again. */
  @FunctionalInterface
  interface Handler {
    void handle(List<ConsumerRecord<String, byte[]>> unit);
  }

  /**
   * How records are grouped into units.
   *
   * @param maxWeight a unit is complete once its records weigh this much
   * @param linger how long to wait for more records when a unit is not complete
   * @param weight what a record weighs, e.g. its chunk count
   */
  record Batching(int maxWeight, Duration linger, ToIntFunction<ConsumerRecord<String, byte[]>> weight) {}

  private final String name;
  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final Batching batching;
  private final Handler handler;
  private final Duration failureBackoff;
  private final CountDownLatch stopped = new CountDownLatch(1);

  StageWorker(String name, Consumer<String, byte[]> consumer, String topic, Batching batching, Handler handler,
      Duration failureBackoff) {
    this.name = name;
    this.consumer = consumer;
    this.topic = topic;
    this.batching = batching;
    this.handler = handler;
    this.failureBackoff = failureBackoff;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic));
      Deque<ConsumerRecord<String, byte[]>> pending = new ArrayDeque<>();
      while (!Thread.currentThread().isInterrupted()) {
        consumer.poll(POLL).forEach(pending::add);
        while (!pending.isEmpty()) {
          List<ConsumerRecord<String, byte[]>> unit = nextUnit(pending);
          if (!process(unit)) {
            // Everything read but not committed comes again, in order.
            unit.addAll(pending);
            rewind(unit);
            pending.clear();
          }
        }
      }
    } catch (WakeupException e) {
      log.debug("{} stopping", name);
    } catch (RuntimeException e) {
      log.error("{} stopped by an unexpected error; its partitions go to the other members of the group", name, e);
    } finally {
      consumer.close();
      stopped.countDown();
    }
  }

  /** Takes records until the unit is complete, polling for more within the linger time. */
  private List<ConsumerRecord<String, byte[]>> nextUnit(Deque<ConsumerRecord<String, byte[]>> pending) {
    List<ConsumerRecord<String, byte[]>> unit = new ArrayList<>();
    int weight = 0;
    long deadline = System.nanoTime() + batching.linger().toNanos();
    while (true) {
      while (!pending.isEmpty() && (unit.isEmpty() || weight < batching.maxWeight())) {
        ConsumerRecord<String, byte[]> r = pending.poll();
        unit.add(r);
        weight += Math.max(1, batching.weight().applyAsInt(r));
      }
      long left = deadline - System.nanoTime();
      if (weight >= batching.maxWeight() || left <= 0) {
        return unit;
      }
      consumer.poll(Duration.ofNanos(left)).forEach(pending::add);
      if (pending.isEmpty()) {
        return unit;
      }
    }
  }

  /** @return false when the unit must be delivered again */
  private boolean process(List<ConsumerRecord<String, byte[]>> unit) {
    try {
      handler.handle(unit);
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      // Nothing was committed: rewind so the unit comes again (the broker may be back by then).
      log.warn("{} could not finish {} records; they will be delivered again", name, unit.size(), e);
      pause();
      return false;
    }
    try {
      consumer.commitSync(offsets(unit));
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions moved to another member, which delivers the unit again: idempotent writes.
      log.info("{} lost its partitions before committing; the new owner re-delivers {} records", name, unit.size());
      return false;
    }
    return true;
  }

  /** Seeks each partition still assigned to the first of its records in {@code records}. */
  private void rewind(List<ConsumerRecord<String, byte[]>> unit) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : unit) {
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    first.forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, offset);
      }
    });
  }

  private void pause() {
    try {
      Thread.sleep(failureBackoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(List<ConsumerRecord<String, byte[]>> unit) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : unit) {
      next.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return next;
  }

  /** Makes {@link #run} return soon; callable from any thread. */
  void stop() {
    consumer.wakeup();
  }

  /** Waits until {@link #run} has returned, at most {@code timeout}. */
  boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
