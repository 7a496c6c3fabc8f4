package dev.ragkb.core;

/** Counts tokens the way the embedding model will, so that chunks fit its window. */
@FunctionalInterface
public interface TokenCounter {

  /** Number of tokens in {@code text}, special tokens excluded. Thread-safe. */
  int count(String text);
}
