package dev.ragkb.core;

/** A failure that may succeed when tried again: a timeout, 429/503, an unavailable backend. */
public non-sealed class RetriableException extends RagkbException {

  public RetriableException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super("unavailable", message, cause);
  }
}
