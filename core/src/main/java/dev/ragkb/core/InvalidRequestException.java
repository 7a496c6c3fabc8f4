package dev.ragkb.core;

/** The request is malformed or breaks a rule. */
public final class InvalidRequestException extends PermanentException {

  public InvalidRequestException(String message) {
    super("invalid_request", message, null);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super("invalid_request", message, cause);
  }
}
