package dev.ragkb.core;

import java.util.Random;

/**
 * The seed of a randomized test: {@code -Dragkb.seed=N} replays a run, else a fresh one is drawn.
 * Either way it is printed, and {@link #toString()} (for assertion messages) says how to replay it.
 */
public record TestSeed(long value) {

  /** The system property that fixes the seed. */
  public static final String PROPERTY = "ragkb.seed";

  /** The seed given by {@value #PROPERTY}, or a random one; printed with {@code test}, the test's name. */
  public static TestSeed of(String test) {
    Long fixed = Long.getLong(PROPERTY);
    TestSeed seed = new TestSeed(fixed != null ? fixed : new Random().nextLong());
    System.out.println(test + ": " + seed);
    return seed;
  }

  public Random random() {
    return new Random(value);
  }

  @Override
  public String toString() {
    return "seed " + value + " (replay with -D" + PROPERTY + "=" + value + ")";
  }
}
