package dev.ragkb.ingest.kafka;

import dev.ragkb.core.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Records to JSON bytes and back, for topic values and stage payloads. Thread-safe. */
final class JsonCodec {

  private final JsonMapper json = JsonMapper.builder().build();

  byte[] write(Object value) {
    return json.writeValueAsBytes(value);
  }

  /**
   * @throws InvalidRequestException when the bytes are not a {@code type}: retrying cannot help, so
   *     the message is dead-lettered
   */
  <T> T read(byte[] bytes, Class<T> type) {
    try {
      return json.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new InvalidRequestException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }
}
