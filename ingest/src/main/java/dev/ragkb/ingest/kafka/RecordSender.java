package dev.ragkb.ingest.kafka;

import dev.ragkb.core.RetriableException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes topic records keyed by document id and waits until the broker has them. Thread-safe. */
final class RecordSender implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final JsonCodec codec;

  RecordSender(Producer<String, byte[]> producer, JsonCodec codec) {
    this.producer = producer;
    this.codec = codec;
  }

  /**
   * Returns once the record is acknowledged by every in-sync replica, so a consumer may commit the
   * offset of what it read only after what it wrote is safe.
   *
   * @throws RetriableException when the broker does not take it
   */
  void send(String topic, TopicRecord record) {
    try {
      producer.send(new ProducerRecord<>(topic, record.document().documentId(), codec.write(record))).get();
    } catch (ExecutionException e) {
      throw new RetriableException("cannot write to topic " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted writing to topic " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
