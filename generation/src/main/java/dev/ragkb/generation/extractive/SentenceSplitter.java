package dev.ragkb.generation.extractive;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into sentences with the JDK's rules, which also end sentences at CJK full stops. */
final class SentenceSplitter {

  private SentenceSplitter() {}

  static List<String> split(String text) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    List<String> sentences = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String s = text.substring(start, end).strip();
      if (!s.isEmpty()) {
        sentences.add(s);
      }
    }
    return sentences;
  }
}
