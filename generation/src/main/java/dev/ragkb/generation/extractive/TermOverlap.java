package dev.ragkb.generation.extractive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How much of a question's content words a passage contains, after stemming and stop-word removal:
 * the share of the question's terms found in the passage, from 0 to 1.
 */
final class TermOverlap {

  /**
   * Lucene's English stop words plus the words that frame a question but carry none of its content,
   * which would otherwise count against every passage.
   */
  private static final CharArraySet STOP_WORDS = stopWords();

  private final Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    set.addAll(List.of(
        "how", "what", "when", "where", "which", "who", "whom", "whose", "why", "do", "does", "did", "i", "me", "my",
        "we", "our", "you", "your", "can", "could", "must", "should", "would", "may", "might", "has", "have", "had",
        "am", "been", "being", "about", "tell", "please"));
    return CharArraySet.unmodifiableSet(set);
  }

  Set<String> terms(String text) {
    Set<String> terms = new HashSet<>();
    try (TokenStream ts = analyzer.tokenStream("t", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
    }
    return terms;
  }

  static double coverage(Set<String> questionTerms, Set<String> passageTerms) {
    if (questionTerms.isEmpty()) {
      return 0;
    }
    return questionTerms.stream().filter(passageTerms::contains).count() / (double) questionTerms.size();
  }
}
