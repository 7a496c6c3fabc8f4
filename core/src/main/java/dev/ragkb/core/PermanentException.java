package dev.ragkb.core;

/** A failure that will fail the same way when tried again. */
public abstract sealed class PermanentException extends RagkbException
    permits InvalidRequestException,
        NotFoundException,
        ConflictException,
        AccessDeniedException,
        UnsupportedDocumentTypeException,
        UnparseableDocumentException {

  protected PermanentException(String code, String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(code, message, cause);
  }
}
