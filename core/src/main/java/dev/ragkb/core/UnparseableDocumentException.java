package dev.ragkb.core;

/** The document could not be parsed (corrupt, encrypted, empty...). */
public final class UnparseableDocumentException extends PermanentException {

  public UnparseableDocumentException(String message) {
    super("unparseable_document", message, null);
  }

  public UnparseableDocumentException(String message, Throwable cause) {
    super("unparseable_document", message, cause);
  }
}
