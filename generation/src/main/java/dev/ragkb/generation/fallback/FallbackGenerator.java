package dev.ragkb.generation.fallback;

import dev.ragkb.core.Answer;
import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Generator;
import dev.ragkb.core.Hit;
import dev.ragkb.core.RagkbException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with a primary generator (an LLM) and, when it fails in any way ragkb knows (unavailable,
 * too slow, rejected the request, broke off mid-answer), with a fallback (the extractive generator)
 * whose answer is flagged {@link Answer#degraded()}. Text the primary already streamed is retracted
 * first. Failures of the caller's own stream (a client that went away) pass through untouched.
 * Thread-safe when both generators are.
 */
public final class FallbackGenerator implements Generator {

  private static final Logger log = LoggerFactory.getLogger(FallbackGenerator.class);

  private final Generator primary;
  private final Generator fallback;

  public FallbackGenerator(Generator primary, Generator fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public Answer generate(String question, List<Hit> sources, AnswerStream stream) {
    var tracked = new TrackedStream(stream);
    try {
      return primary.generate(question, sources, tracked);
    } catch (RagkbException e) {
      log.warn("generator failed ({}), answering with the fallback: {}", e.code(), e.getMessage());
      if (tracked.appended) {
        stream.retract();
      }
      return fallback.generate(question, sources, stream).withDegraded(true);
    }
  }

  /** Remembers whether anything reached the caller, so a retraction is sent only when needed. */
  private static final class TrackedStream implements AnswerStream {
    private final AnswerStream delegate;
    private boolean appended;

    TrackedStream(AnswerStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void append(String text) {
      delegate.append(text);
      appended = true;
    }

    @Override
    public void retract() {
      delegate.retract();
      appended = false;
    }
  }
}
