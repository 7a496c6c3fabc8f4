package dev.ragkb.generation.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.Answer;
import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.Generator;
import dev.ragkb.core.Hit;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.RetriableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackGeneratorTest {

  private final List<Hit> sources = List.of(Fixtures.hit("router", 0, "Hold the reset button for 17 seconds.", 0.9));
  private final Generator extractive = (q, s, stream) -> {
    stream.append("Hold the reset button for 17 seconds. [1]");
    return new Answer("Hold the reset button for 17 seconds. [1]", List.of(), false);
  };

  private static final class Recording implements AnswerStream {
    final List<String> events = new ArrayList<>();

    @Override
    public void append(String text) {
      events.add(text);
    }

    @Override
    public void retract() {
      events.add("<retract>");
    }
  }

  @Test
  void answersWithThePrimaryWhenItWorks() {
    Generator primary = (q, s, stream) -> {
      stream.append("LLM answer [1]");
      return new Answer("LLM answer [1]", List.of(), false);
    };

    Answer a = new FallbackGenerator(primary, extractive).generate("q", sources);

    assertThat(a.answer()).isEqualTo("LLM answer [1]");
    assertThat(a.degraded()).isFalse();
  }

  @Test
  void answersWithTheFallbackFlaggedDegradedWhenThePrimaryIsDown() {
    Generator down = (q, s, stream) -> {
      throw new RetriableException("no connection", null);
    };
    var stream = new Recording();

    Answer a = new FallbackGenerator(down, extractive).generate("q", sources, stream);

    assertThat(a.degraded()).isTrue();
    assertThat(a.answer()).startsWith("Hold the reset button");
    assertThat(stream.events).containsExactly("Hold the reset button for 17 seconds. [1]");
  }

  @Test
  void retractsWhatThePrimaryStreamedBeforeItBrokeOff() {
    Generator breaksOff = (q, s, stream) -> {
      stream.append("Hold the");
      throw new RetriableException("connection dropped mid-answer", null);
    };
    var stream = new Recording();

    Answer a = new FallbackGenerator(breaksOff, extractive).generate("q", sources, stream);

    assertThat(stream.events).containsExactly("Hold the", "<retract>", "Hold the reset button for 17 seconds. [1]");
    assertThat(a.degraded()).isTrue();
  }

  @Test
  void fallsBackWhenThePrimaryRejectsTheRequestToo() {
    Generator rejects = (q, s, stream) -> {
      throw new InvalidRequestException("context too long");
    };

    assertThat(new FallbackGenerator(rejects, extractive).generate("q", sources).degraded()).isTrue();
  }

  @Test
  void letsAFailureOfTheCallersOwnStreamThrough() {
    Generator primary = (q, s, stream) -> {
      stream.append("text");
      return Answer.abstain();
    };
    AnswerStream gone = new AnswerStream() {
      @Override
      public void append(String text) {
        throw new UncheckedIOException(new IOException("broken pipe"));
      }

      @Override
      public void retract() {}
    };

    assertThatThrownBy(() -> new FallbackGenerator(primary, extractive).generate("q", sources, gone))
        .isInstanceOf(UncheckedIOException.class);
  }
}
