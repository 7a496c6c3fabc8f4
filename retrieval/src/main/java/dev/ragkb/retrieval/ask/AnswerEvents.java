package dev.ragkb.retrieval.ask;

import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.RagkbException;

/**
 * Where a streamed answer goes: its text as it is written ({@link AnswerStream}), then exactly one of
 * {@link #done} or {@link #failed}. Called on the asking thread, in order. An implementation that
 * throws {@link java.io.UncheckedIOException} says its client went away: the answer is dropped.
 */
public interface AnswerEvents extends AnswerStream {

  /** The finished reply, authoritative over the text streamed before it. */
  void done(Reply reply);

  /** The answer could not be completed after the stream had started. */
  void failed(RagkbException error);

  /** Opens the events once the question is known to be answerable (retrieval succeeded). */
  @FunctionalInterface
  interface Opener<E extends AnswerEvents> {
    E open() throws java.io.IOException;
  }
}
