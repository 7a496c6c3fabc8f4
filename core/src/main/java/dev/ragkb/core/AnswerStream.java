package dev.ragkb.core;

/**
 * Receives an answer's text while it is written. Called on the generating thread, in order; an
 * implementation that throws stops the generation.
 */
public interface AnswerStream {

  /** Drops the text: for callers that only want the finished {@link Answer}. */
  AnswerStream DISCARD = new AnswerStream() {
    @Override
    public void append(String text) {}

    @Override
    public void retract() {}
  };

  /** The next piece of the answer's text; never empty. */
  void append(String text);

  /**
   * Withdraws everything appended so far: the generator failed mid-answer, and what follows (for
   * example a fallback's answer) replaces it.
   */
  void retract();
}
