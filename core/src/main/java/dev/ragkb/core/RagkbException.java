package dev.ragkb.core;

/**
 * Root of ragkb's unchecked exceptions. Whether a failure may be retried is part of its type: retry
 * logic decides with {@code instanceof RetriableException} and nothing else.
 */
public abstract sealed class RagkbException extends RuntimeException
    permits RetriableException, PermanentException {

  private final String code;

  protected RagkbException(String code, String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable, machine-readable code; never renamed, used as the problem type suffix. */
  public String code() {
    return code;
  }
}
