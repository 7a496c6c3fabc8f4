package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedDocumentTest {

  @Test
  void rejectsABlockWhoseTextIsNotAtItsOffsets() {
    Block misplaced = new Block("world", List.of(), null, 0, 5);

    assertThatThrownBy(() -> ParsedDocument.of("t", "text/plain", "hello world", List.of(misplaced)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsABlockBeyondTheEndOfTheText() {
    Block beyond = new Block("world", List.of(), null, 8, 13);

    assertThatThrownBy(() -> ParsedDocument.of("t", "text/plain", "hello world", List.of(beyond)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBlockOffsetsThatDoNotSpanItsText() {
    assertThatThrownBy(() -> new Block("hello", List.of(), null, 0, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
