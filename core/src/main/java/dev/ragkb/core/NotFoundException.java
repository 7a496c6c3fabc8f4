package dev.ragkb.core;

/** The named resource does not exist. */
public final class NotFoundException extends PermanentException {

  public NotFoundException(String message) {
    super("not_found", message, null);
  }

  public NotFoundException(String message, Throwable cause) {
    super("not_found", message, cause);
  }
}
