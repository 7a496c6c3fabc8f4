package dev.ragkb.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  private final JsonCodec codec = new JsonCodec();

  @Test
  void roundTripsAChunksDateAndReadsOneWrittenBeforeDatesAsUndated() {
    Chunk dated = Fixtures.chunk("kb", "d", 0, "text").withDate(Instant.parse("2024-03-01T10:15:30.123Z"));
    String older = new String(codec.write(dated.withDate(null)), StandardCharsets.UTF_8).replace(",\"date\":null", "");

    assertThat(codec.read(codec.write(dated), Chunk.class)).isEqualTo(dated);
    assertThat(older).doesNotContain("date");
    assertThat(codec.read(older.getBytes(StandardCharsets.UTF_8), Chunk.class).date()).isNull();
  }
}
