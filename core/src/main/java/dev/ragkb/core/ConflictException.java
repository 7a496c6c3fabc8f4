package dev.ragkb.core;

/** The resource already exists. */
public final class ConflictException extends PermanentException {

  public ConflictException(String message) {
    super("conflict", message, null);
  }

  public ConflictException(String message, Throwable cause) {
    super("conflict", message, cause);
  }
}
