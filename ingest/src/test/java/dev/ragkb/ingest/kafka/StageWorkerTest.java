package dev.ragkb.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer loop against Kafka's own test double: units, commits after the handler, rewinds on failure. */
class StageWorkerTest {

  private static final String TOPIC = "t";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final List<List<Long>> units = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    thread.shutdownNow();
  }

  private void start(StageWorker.Handler handler) {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(TP));
      consumer.updateBeginningOffsets(Map.of(TP, 0L));
      for (long offset = 0; offset < 3; offset++) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "doc-" + offset, "x".getBytes(StandardCharsets.UTF_8)));
      }
    });
    StageWorker worker = new StageWorker("test", consumer, TOPIC, new StageWorker.Batching(2, Duration.ZERO, r -> 1),
        handler, Duration.ZERO);
    thread.execute(worker);
  }

  private OffsetAndMetadata committed() {
    return consumer.committed(Set.of(TP)).get(TP);
  }

  @Test
  void cutsUnitsByWeightAndCommitsEachAfterItsHandlerReturns() {
    start(unit -> {
      assertThat(committed() == null ? 0 : committed().offset()).isEqualTo(unit.getFirst().offset());
      units.add(unit.stream().map(ConsumerRecord::offset).toList());
    });

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committed() != null && committed().offset() == 3);
    assertThat(units).containsExactly(List.of(0L, 1L), List.of(2L));
  }

  @Test
  void aUnitWhoseHandlerFailsIsNotCommittedAndTheConsumerIsRewoundToIt() {
    start(unit -> {
      units.add(unit.stream().map(ConsumerRecord::offset).toList());
      throw new IllegalStateException("broker away");
    });

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !units.isEmpty() && consumer.position(TP) == 0);
    assertThat(committed()).isNull();
    assertThat(units.getFirst()).containsExactly(0L, 1L);
  }
}
