package dev.ragkb.generation.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into sentences with the JDK's rules, which also end sentences at CJK full stops. */
public final class SentenceSplitter {

  /**
   * Where a sentence lies in its text, surrounding whitespace excluded.
   *
   * @param start offset of its first character
   * @param end offset just past its last character
   */
  public record Span(int start, int end) {
    public String of(String text) {
      return text.substring(start, end);
    }
  }

  private SentenceSplitter() {}

  /** The sentences of {@code text}, stripped, in order; none for blank text. */
  public static List<String> split(String text) {
    return spans(text).stream().map(s -> s.of(text)).toList();
  }

  /** Where the sentences of {@code text} lie, in order; empty sentences are left out. */
  public static List<Span> spans(String text) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    List<Span> spans = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      int s = start;
      int e = end;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (s < e) {
        spans.add(new Span(s, e));
      }
    }
    return spans;
  }
}
