package dev.ragkb.parsing;

import dev.ragkb.core.UnparseableDocumentException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xml.sax.SAXException;

/**
 * The state one parse shares between the caller's thread, the parsing thread, the content handler and the embedded
 * document extractor: the warnings raised so far and the first fatal failure.
 *
 * <p>Tika's container parsers catch and record many exceptions of embedded documents instead of propagating them,
 * so a limit that is hit inside an attachment (or a timeout set from the caller's thread) is recorded here with
 * {@link #abort}; from then on {@link #check} fails every SAX event, which ends the parse quickly whatever catches
 * what, and the caller reports {@link #failure()} rather than whatever exception came out. Warnings are added on the
 * parsing thread only and read after it finished.
 */
final class ParseSession {

  private final List<ParseWarning> warnings = new ArrayList<>();
  private volatile @Nullable UnparseableDocumentException failure;

  /** Records the parse's fatal failure; the first one recorded wins. */
  void abort(UnparseableDocumentException cause) {
    synchronized (this) {
      if (failure == null) {
        failure = cause;
      }
    }
  }

  /** The recorded fatal failure, or null while there is none. */
  @Nullable UnparseableDocumentException failure() {
    return failure;
  }

  /**
   * Fails when the parse was aborted or its thread interrupted, so that the parser unwinds.
   *
   * @throws SAXException naming the failure
   */
  void check() throws SAXException {
    UnparseableDocumentException f = failure;
    if (f != null) {
      throw new SAXException(f.getMessage());
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new SAXException("parsing was interrupted");
    }
  }

  void warn(ParseWarning.Kind kind, String message) {
    warnings.add(new ParseWarning(kind, message));
  }

  List<ParseWarning> warnings() {
    return List.copyOf(warnings);
  }
}
