package dev.ragkb.parsing;

import java.util.Objects;

/**
 * Something a reader of the document should know although parsing succeeded: text that could not be extracted,
 * attachments that were left out.
 *
 * @param kind what happened, stable for job reports
 * @param message a sentence for people, naming pages or attachments; never document content
 */
public record ParseWarning(Kind kind, String message) {

  /** What a warning is about. */
  public enum Kind {
    /** Pages without a text layer (scans) that were not read because OCR is unavailable or disabled. */
    PAGES_NOT_OCRED,
    /** Pages that yielded no text even through OCR. */
    PAGES_WITHOUT_TEXT,
    /** Attachments or archive entries that were skipped: of a type we do not ingest, encrypted or corrupt. */
    EMBEDDED_SKIPPED
  }

  public ParseWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
