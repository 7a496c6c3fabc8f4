package dev.ragkb.core;

import java.util.Objects;

/**
 * A sentence of an answer that cites a source which, judged by embedding similarity, does not say
 * what the sentence says. The sentence stays in the answer; clients may mark it.
 *
 * @param sentence the sentence, without its markers
 * @param n the number of the citation it fails to find support in
 * @param similarity the best similarity between the sentence and the cited passage, from -1 to 1
 */
public record UnsupportedClaim(String sentence, int n, double similarity) {

  public UnsupportedClaim {
    Objects.requireNonNull(sentence, "sentence");
  }
}
