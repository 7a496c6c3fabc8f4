package dev.ragkb.parsing;

import dev.ragkb.core.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Cuts a span of text into consecutive pieces that each fit a token budget, trying the coarsest cut first: the
 * whole span, then sentences, then runs of clauses (cut at commas and semicolons, CJK ones included), then runs of
 * words, then characters (for a "word" such as a URL or unpunctuated CJK text that alone exceeds the budget). Only a single character that alone exceeds the budget is returned over it.
 * Thread-safe when its {@link TokenCounter} is.
 */
final class BudgetSplitter {

  private final TokenCounter tokens;
  private final int budget;

  BudgetSplitter(TokenCounter tokens, int budget) {
    this.tokens = tokens;
    this.budget = budget;
  }

  /** Whether {@code text[start, end)} fits the budget. */
  boolean fits(String text, int start, int end) {
    return tokens.count(text.substring(start, end)) <= budget;
  }

  /** The pieces of {@code span}, in order, without the whitespace between them. */
  List<Span> split(String text, Span span) {
    if (fits(text, span.start(), span.end())) {
      return List.of(span);
    }
    List<Span> out = new ArrayList<>();
    for (Span sentence : TextSpans.sentences(text, span.start(), span.end())) {
      if (fits(text, sentence.start(), sentence.end())) {
        out.add(sentence);
      } else {
        splitOnClauses(text, sentence, out);
      }
    }
    return out;
  }

  private void splitOnClauses(String text, Span sentence, List<Span> out) {
    List<Span> clauses = TextSpans.clauses(text, sentence.start(), sentence.end());
    int i = 0;
    while (i < clauses.size()) {
      Span clause = clauses.get(i);
      if (fits(text, clause.start(), clause.end())) {
        int last = lastTrue(i, clauses.size() - 1, j -> fits(text, clause.start(), clauses.get(j).end()));
        out.add(new Span(clause.start(), clauses.get(last).end()));
        i = last + 1;
      } else {
        splitOnWords(text, clause, out);
        i++;
      }
    }
  }

  private void splitOnWords(String text, Span sentence, List<Span> out) {
    List<Span> words = TextSpans.words(text, sentence.start(), sentence.end());
    int i = 0;
    while (i < words.size()) {
      Span word = words.get(i);
      if (fits(text, word.start(), word.end())) {
        int last = lastTrue(i, words.size() - 1, j -> fits(text, word.start(), words.get(j).end()));
        out.add(new Span(word.start(), words.get(last).end()));
        i = last + 1;
      } else {
        splitOnCharacters(text, word, out);
        i++;
      }
    }
  }

  private void splitOnCharacters(String text, Span word, List<Span> out) {
    int start = word.start();
    while (start < word.end()) {
      int from = start;
      int oneCodePoint = from + Character.charCount(text.codePointAt(from));
      int end = codePointBoundary(text, lastTrue(oneCodePoint, word.end(),
          e -> fits(text, from, codePointBoundary(text, e))));
      out.add(new Span(from, end));
      start = end;
    }
  }

  /** {@code i}, or one less when {@code i} would cut a surrogate pair in half. */
  private static int codePointBoundary(String text, int i) {
    boolean splitsPair = i > 0 && i < text.length()
        && Character.isHighSurrogate(text.charAt(i - 1)) && Character.isLowSurrogate(text.charAt(i));
    return splitsPair ? i - 1 : i;
  }

  /**
   * The largest value in {@code [lo, hi]} that passes {@code test}, for a test that holds up to some point and
   * fails after it (token counts grow with the text). {@code lo} is taken as passing. Gallops from {@code lo} and
   * then bisects, so packing n pieces costs O(log n) token counts instead of n.
   */
  static int lastTrue(int lo, int hi, IntPredicate test) {
    int good = lo;
    int bad = hi + 1;
    int step = 1;
    while (good < hi) {
      int probe = (int) Math.min(hi, (long) good + step);
      if (!test.test(probe)) {
        bad = probe;
        break;
      }
      good = probe;
      step <<= 1;
    }
    while (bad - good > 1) {
      int mid = (good + bad) >>> 1;
      if (test.test(mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }
}
