package dev.ragkb.core;

/** The caller may not do this. */
public final class AccessDeniedException extends PermanentException {

  public AccessDeniedException(String message) {
    super("access_denied", message, null);
  }

  public AccessDeniedException(String message, Throwable cause) {
    super("access_denied", message, cause);
  }
}
