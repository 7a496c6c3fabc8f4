package dev.ragkb.indexing.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The BM25 analyzer for a knowledge base's language. Public because highlighting analyses hits
 * with the same analyzer, whichever backend served them.
 */
public final class Analyzers {

  private Analyzers() {}

  /** A new analyzer for a BCP 47 language tag; thread-safe, so one per knowledge base is enough. */
  public static Analyzer forLanguage(String language) {
    return switch (language.toLowerCase(Locale.ROOT).split("[-_]")[0]) {
      // Porter stemming and English stop words: +0.01-0.02 nDCG@10 over StandardAnalyzer on BEIR sets.
      case "en" -> new EnglishAnalyzer();
      // Overlapping bigrams need no dictionary and handle Chinese, Japanese and Korean alike.
      case "zh", "ja", "ko" -> new CJKAnalyzer();
      default -> new StandardAnalyzer();
    };
  }

  /** The distinct terms of {@code text} as the text field indexes them, in order of first occurrence. */
  public static Set<String> terms(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(ChunkFields.BODY, text)) {
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
}
