package dev.ragkb.parsing;

import java.util.ArrayList;
import java.util.List;

/** Finds sentence and word boundaries in a range of a text, as spans that carry no surrounding whitespace. */
final class TextSpans {

  private TextSpans() {}

  /**
   * The sentences of {@code text[from, to)}. A sentence ends after {@code . ! ?} followed by whitespace, right
   * after the CJK full stops {@code 。！？．｡} and the ellipsis {@code ……} (CJK text puts no space between
   * sentences), and at a line break, which
   * in a {@link ParsedDocument} only occurs between blocks. Closing quotes and brackets stay with their sentence.
   * Abbreviations ("e.g. this") are split too: a cheap rule that errs towards smaller pieces.
   */
  static List<Span> sentences(String text, int from, int to) {
    List<Span> out = new ArrayList<>();
    int start = from;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int end = -1;
      if (c == '\n') {
        end = i;
      } else if (c == '。' || c == '！' || c == '？' || c == '．' || c == '｡') {
        end = skipClosers(text, i + 1, to);
      } else if (c == '…' && i + 1 < to && text.charAt(i + 1) == '…') {
        end = skipClosers(text, i + 2, to);
      } else if (c == '.' || c == '!' || c == '?') {
        int after = skipClosers(text, i + 1, to);
        if (after == to || Character.isWhitespace(text.charAt(after))) {
          end = after;
        }
      }
      if (end >= 0) {
        addTrimmed(text, start, end, out);
        start = end;
        i = Math.max(end, i + 1) - 1;
      }
    }
    addTrimmed(text, start, to, out);
    return out;
  }

  /**
   * The clauses of {@code text[from, to)}: a clause ends right after the CJK comma, enumeration comma, semicolon or
   * colon {@code ，、；：}, and after {@code , ; :} followed by whitespace. The cut between sentence and word, so
   * that a long sentence, and above all a long CJK sentence without spaces, is cut where a reader pauses.
   */
  static List<Span> clauses(String text, int from, int to) {
    List<Span> out = new ArrayList<>();
    int start = from;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean cjk = c == '，' || c == '、' || c == '；' || c == '：';
      boolean latin = (c == ',' || c == ';' || c == ':') && i + 1 < to && Character.isWhitespace(text.charAt(i + 1));
      if (cjk || latin) {
        int end = skipClosers(text, i + 1, to);
        addTrimmed(text, start, end, out);
        start = end;
        i = end - 1;
      }
    }
    addTrimmed(text, start, to, out);
    return out;
  }

  /** The whitespace-separated words of {@code text[from, to)}. */
  static List<Span> words(String text, int from, int to) {
    List<Span> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      while (i < to && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < to && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(new Span(start, i));
      }
    }
    return out;
  }

  private static int skipClosers(String text, int i, int to) {
    while (i < to && isCloser(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '」' || c == '』'
        || c == '）' || c == '】' || c == '》';
  }

  private static void addTrimmed(String text, int start, int end, List<Span> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Span(start, end));
    }
  }
}
