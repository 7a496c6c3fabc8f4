package dev.ragkb.core;

/** The file's type cannot be ingested. */
public final class UnsupportedDocumentTypeException extends PermanentException {

  public UnsupportedDocumentTypeException(String message) {
    super("unsupported_media_type", message, null);
  }

  public UnsupportedDocumentTypeException(String message, Throwable cause) {
    super("unsupported_media_type", message, cause);
  }
}
