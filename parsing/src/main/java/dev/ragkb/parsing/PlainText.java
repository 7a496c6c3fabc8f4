package dev.ragkb.parsing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;

/** Reads a plain-text or Markdown file into a string, within a character limit. */
final class PlainText {

  /** No charset we decode takes more than 3 bytes per UTF-16 character (UTF-8 takes 4 for a pair: 2 chars). */
  private static final int MAX_BYTES_PER_CHAR = 3;

  private PlainText() {}

  /**
   * Reads {@code in} to its end and decodes it: as UTF-8 when it is valid UTF-8 (by far the most common case, and
   * one that statistical charset detection gets wrong on short ASCII-heavy files), else in the charset Tika guesses.
   * Reads no more bytes than {@code maxChars} characters can take, so the heap holds at most that much of a huge
   * file. A leading byte-order mark is dropped (it would hide a heading on the first line).
   *
   * @throws WriteLimitReachedException when the text is longer than {@code maxChars}
   */
  static String decode(InputStream in, int maxChars, Metadata metadata)
      throws IOException, TikaException, WriteLimitReachedException {
    int maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, (long) maxChars * MAX_BYTES_PER_CHAR);
    byte[] bytes = in.readNBytes(maxBytes);
    if (in.read() >= 0) {
      throw new WriteLimitReachedException(maxChars);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      StringWriter out = new StringWriter();
      try (AutoDetectReader reader = new AutoDetectReader(new ByteArrayInputStream(bytes), metadata)) {
        reader.transferTo(out);
      }
      text = out.toString();
    }
    if (text.length() > maxChars) {
      throw new WriteLimitReachedException(maxChars);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
