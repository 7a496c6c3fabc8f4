package dev.ragkb.retrieval.highlight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlights a hit's text for a query after retrieval, so that every index backend (Lucene,
 * Elasticsearch, Milvus) gets the same highlights. Terms match as the knowledge base's BM25
 * analyzer sees them (the text index's analyzer for its language, given to the constructor):
 * "resetting" marks "reset" in English, and CJK text
 * matches by the same bigrams it is searched by. Lucene's unified highlighter analyses the text,
 * scores its sentences and picks the best; this class bounds their length and reports the matches
 * as character ranges. Thread-safe.
 */
public final class HitHighlighter {

  /** The field name only ties the query's terms to the analysed text; no index is involved. */
  private static final String FIELD = "text";

  private final int maxFragments;
  private final int maxChars;
  /** One analyzer per language, shared: analyzers are thread-safe and costlier to make than the highlighter. */
  private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();
  private final Function<String, Analyzer> analyzerOfLanguage;

  /**
   * @param maxFragments the most fragments per hit, at least 1
   * @param maxChars the longest fragment, in characters; at least 20, so that one fits a few words
   * @param analyzerOfLanguage the text index's analyzer for a language (BCP 47, lower case); called
   *     once per language
   */
  public HitHighlighter(int maxFragments, int maxChars, Function<String, Analyzer> analyzerOfLanguage) {
    if (maxFragments < 1 || maxChars < 20) {
      throw new IllegalArgumentException("maxFragments must be at least 1 and maxChars at least 20");
    }
    this.maxFragments = maxFragments;
    this.maxChars = maxChars;
    this.analyzerOfLanguage = analyzerOfLanguage;
  }

  /**
   * The best fragments of {@code text} for {@code query}, in the order they occur in the text.
   * When no term of the query occurs in it, the text's beginning, as one fragment without matches.
   *
   * @param language the knowledge base's language (BCP 47), which picks the analyzer
   * @return at most {@code maxFragments} fragments; empty only for a blank text
   */
  public List<Highlight> highlight(String language, String query, String text) {
    Analyzer analyzer = analyzers.computeIfAbsent(language.toLowerCase(Locale.ROOT), analyzerOfLanguage);
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    // a query of more distinct terms than a boolean query may hold is highlighted by its first ones
    terms(analyzer, query).stream()
        .limit(IndexSearcher.getMaxClauseCount())
        .forEach(t -> terms.add(new TermQuery(new Term(FIELD, t)), BooleanClause.Occur.SHOULD));
    try {
      Object fragments = newHighlighter(analyzer).highlightWithoutSearcher(FIELD, terms.build(), text, maxFragments);
      return fragments == null ? List.of() : castFragments(fragments);
    } catch (IOException e) {
      throw new UncheckedIOException("highlighting an in-memory string cannot fail", e);
    }
  }

  /** The distinct terms of {@code text} as {@code analyzer} makes them, in order of first occurrence. */
  private static Set<String> terms(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
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

  /** A highlighter per call, since building one is cheap and its own thread safety is left undocumented. */
  private UnifiedHighlighter newHighlighter(Analyzer analyzer) {
    return UnifiedHighlighter.builderWithoutSearcher(analyzer)
        // whole sentences, as many as come closest to two thirds of the limit, with the match in the
        // first third; a longer sentence is cut to the limit in fragment()
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
            BreakIterator.getSentenceInstance(Locale.ROOT), maxChars * 2 / 3, 0.33f))
        .withMaxNoHighlightPassages(1)
        .withFormatter(new PassageFormatter() {
          @Override
          public Object format(Passage[] passages, String content) {
            List<Highlight> fragments = new ArrayList<>(passages.length);
            for (Passage p : passages) {
              fragments.add(fragment(p, content));
            }
            return fragments;
          }
        })
        .build();
  }

  @SuppressWarnings("unchecked") // the formatter above makes nothing else
  private static List<Highlight> castFragments(Object fragments) {
    return (List<Highlight>) fragments;
  }

  /** A passage as a fragment: trimmed, cut to {@code maxChars} at word boundaries, its matches merged. */
  private Highlight fragment(Passage passage, String content) {
    List<int[]> matches = mergedMatches(passage);
    int start = passage.getStartOffset();
    int end = passage.getEndOffset();
    if (end - start > maxChars) {
      BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
      words.setText(content);
      // a little context before the first match, so the match does not open the fragment
      int anchor = matches.isEmpty() ? start : matches.getFirst()[0];
      int from = Math.max(start, anchor - maxChars / 4);
      if (!words.isBoundary(from)) {
        from = Math.min(anchor, words.following(from));
      }
      int to = Math.min(end, from + maxChars);
      if (to < end && !words.isBoundary(to)) {
        int wordStart = words.preceding(to);
        // a single "word" longer than the limit (a URL, a run of ideographs) is cut where it must be
        to = wordStart > from ? wordStart : to;
      }
      start = from;
      end = to;
    }
    while (start < end && Character.isWhitespace(content.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
      end--;
    }
    List<Highlight.Match> inside = new ArrayList<>(matches.size());
    for (int[] m : matches) {
      if (m[0] >= start && m[1] <= end) {
        inside.add(new Highlight.Match(m[0] - start, m[1] - start));
      }
    }
    return new Highlight(content.substring(start, end), inside);
  }

  /** The passage's matches in order, overlapping or touching ones joined (CJK bigrams overlap). */
  private static List<int[]> mergedMatches(Passage passage) {
    int n = passage.getNumMatches();
    List<int[]> sorted = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sorted.add(new int[] {passage.getMatchStarts()[i], passage.getMatchEnds()[i]});
    }
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>(n);
    for (int[] m : sorted) {
      if (!merged.isEmpty() && m[0] <= merged.getLast()[1]) {
        merged.getLast()[1] = Math.max(merged.getLast()[1], m[1]);
      } else {
        merged.add(m.clone());
      }
    }
    return merged;
  }
}
