package dev.ragkb.core;

import java.util.Objects;

/**
 * The document could not be parsed. {@link #reason()} says why, so a job report or a client can tell an encrypted
 * file from a corrupt one without matching on the message. Every reason is permanent: the same bytes fail the same
 * way when tried again (a parse that timed out hangs again).
 */
public final class UnparseableDocumentException extends PermanentException {

  /** Why a document could not be parsed. Names are stable: they appear in job reports. */
  public enum Reason {
    /** The file has no bytes. */
    EMPTY,
    /** The bytes are not a valid file of the detected type (truncated, damaged, junk under a misleading name). */
    CORRUPT,
    /** The file (or the whole of its content) is password-protected. */
    ENCRYPTED,
    /** The file is larger than the accepted size, or its text longer than the accepted length. */
    TOO_LARGE,
    /** A container that expands far beyond its size, nests archives too deep or holds too many files. */
    SUSPECTED_BOMB,
    /** Parsing did not finish within the per-document time limit. */
    TIMEOUT,
    /** The file parsed but holds no text (for example a scan without OCR). */
    NO_TEXT
  }

  private final Reason reason;

  /** A failure of reason {@link Reason#CORRUPT}. */
  public UnparseableDocumentException(String message) {
    this(Reason.CORRUPT, message);
  }

  /** A failure of reason {@link Reason#CORRUPT}. */
  public UnparseableDocumentException(String message, Throwable cause) {
    this(Reason.CORRUPT, message, cause);
  }

  public UnparseableDocumentException(Reason reason, String message) {
    super("unparseable_document", message, null);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public UnparseableDocumentException(Reason reason, String message, Throwable cause) {
    super("unparseable_document", message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
