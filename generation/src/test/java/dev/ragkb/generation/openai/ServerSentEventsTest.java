package dev.ragkb.generation.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

  private static List<String> parse(String... lines) {
    var sse = new ServerSentEvents();
    List<String> data = new ArrayList<>();
    for (String line : lines) {
      sse.line(line).ifPresent(data::add);
    }
    sse.end().ifPresent(data::add);
    return data;
  }

  @Test
  void readsDataWithAndWithoutTheSpaceAfterTheColon() {
    assertThat(parse("data: {\"a\":1}", "", "data:{\"b\":2}", "")).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void joinsTheDataLinesOfOneEventWithNewlines() {
    assertThat(parse("data: first", "data: second", "")).containsExactly("first\nsecond");
  }

  @Test
  void skipsCommentsAndOtherFields() {
    assertThat(parse(": ping", "", "event: message", "id: 7", "retry: 1000", "data: x", "")).containsExactly("x");
  }

  @Test
  void dispatchesAnEventThatTheStreamEndsWithoutABlankLine() {
    assertThat(parse("data: [DONE]")).containsExactly("[DONE]");
  }
}
