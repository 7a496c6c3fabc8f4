package dev.ragkb.core;

import java.util.List;
import java.util.Objects;

/**
 * A grounded answer.
 *
 * @param answer the text, with {@code [n]} after each supported claim
 * @param citations exactly the sources cited in the text, by number
 * @param abstained true when the knowledge base held no support and the answer says so
 */
public record Answer(String answer, List<Citation> citations, boolean abstained) {

  public static final String NOT_FOUND = "I could not find this in the knowledge base.";

  public Answer {
    Objects.requireNonNull(answer, "answer");
    citations = List.copyOf(citations);
  }

  public static Answer abstain() {
    return new Answer(NOT_FOUND, List.of(), true);
  }
}
