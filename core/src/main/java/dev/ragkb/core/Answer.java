package dev.ragkb.core;

import java.util.List;
import java.util.Objects;

/**
 * A grounded answer.
 *
 * @param answer the text, with {@code [n]} after each supported claim
 * @param citations exactly the sources cited in the text, by number
 * @param abstained true when the knowledge base held no support and the answer says so
 * @param degraded true when the configured generator failed and a simpler one answered instead
 * @param unsupported cited sentences that their cited source does not appear to support
 */
public record Answer(
    String answer, List<Citation> citations, boolean abstained, boolean degraded, List<UnsupportedClaim> unsupported) {

  public static final String NOT_FOUND = "I could not find this in the knowledge base.";

  public Answer {
    Objects.requireNonNull(answer, "answer");
    citations = List.copyOf(citations);
    unsupported = List.copyOf(unsupported);
  }

  /** An answer from the configured generator whose claims all found support. */
  public Answer(String answer, List<Citation> citations, boolean abstained) {
    this(answer, citations, abstained, false, List.of());
  }

  public static Answer abstain() {
    return new Answer(NOT_FOUND, List.of(), true);
  }

  public Answer withDegraded(boolean isDegraded) {
    return new Answer(answer, citations, abstained, isDegraded, unsupported);
  }
}
