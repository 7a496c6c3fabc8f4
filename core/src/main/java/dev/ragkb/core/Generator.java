package dev.ragkb.core;

import java.util.List;

/** Writes an answer grounded in retrieved sources, streaming its text as it is written. */
@FunctionalInterface
public interface Generator {

  /**
   * Answers {@code question} from {@code sources} (in retrieval order), passing the text to {@code
   * stream} as it is written and returning the finished answer. Every {@code [n]} in the answer
   * refers to a citation built from one of these sources; when none supports an answer the result
   * abstains. The returned answer is authoritative: its text equals what was appended since the last
   * {@link AnswerStream#retract()}. Blocks until the answer is complete; called on the caller's
   * thread. Thread-safe.
   *
   * @throws RetriableException when a remote generator is unavailable or too slow
   * @throws RuntimeException whatever {@code stream} throws (a client that went away), after the
   *     generation is cancelled
   */
  Answer generate(String question, List<Hit> sources, AnswerStream stream);

  /** Answers without streaming: the text arrives all at once in the returned answer. */
  default Answer generate(String question, List<Hit> sources) {
    return generate(question, sources, AnswerStream.DISCARD);
  }
}
