package dev.ragkb.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.Block;
import dev.ragkb.parsing.ParsedDocument;
import dev.ragkb.parsing.StructuredChunker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ChunkStageTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456Z");
  private static final Instant CREATED = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant MODIFIED = Instant.parse("2021-06-01T00:00:00Z");

  private final ChunkStage stage =
      new ChunkStage(new StructuredChunker(text -> text.split("\\s+").length, 4, 0), Clock.fixed(NOW, ZoneOffset.UTC));

  private List<Instant> datesOf(@Nullable Instant created, @Nullable Instant modified) {
    String text = "one two three four five six seven eight nine";
    var parsed = new ParsedDocument("t", "text/plain", ParsedDocument.UNDETERMINED_LANGUAGE, List.of(), created, modified,
        text, List.of(new Block(text, List.of(), null, 0, text.length())), List.of());
    var received = new DocumentReceived("job", "kb", "d", "d.txt", "blob/d", "0123456789abcdef", Acl.PUBLIC, Set.of());
    return stage.run(new DocumentParsed(received, parsed)).chunks().stream().map(Chunk::date).toList();
  }

  @Test
  void datesEveryChunkByTheDocumentsLastModificationElseItsCreationElseItsIngestion() {
    assertThat(datesOf(CREATED, MODIFIED)).hasSizeGreaterThan(1).containsOnly(MODIFIED);
    assertThat(datesOf(CREATED, null)).containsOnly(CREATED);
    // to the millisecond, all that the indexes keep
    assertThat(datesOf(null, null)).containsOnly(Instant.parse("2026-11-25T12:00:00.123Z"));
  }
}
