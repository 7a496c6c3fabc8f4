package dev.ragkb.retrieval.diversity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Unit-length TF-IDF vectors of a few texts over their analyzed terms, for the cosine similarity of
 * any two of them. Terms come from Lucene's standard analyzer (Unicode word boundaries, lower case,
 * each CJK ideograph a term), which needs no language setting. IDF is taken over the texts
 * themselves, {@code ln((n + 1) / df)}: among the candidates of one query, the terms they all share
 * (the query's own words, function words) say nothing about whether two of them repeat each other,
 * so they weigh almost nothing, while the words two candidates share with few others weigh most.
 * Term frequency is damped ({@code 1 + ln tf}) so that a repeated word does not dominate.
 */
final class TermVectors {

  /** Per text: term ids ascending, and their weights, scaled to unit length. */
  private final int[][] terms;
  private final double[][] weights;

  private TermVectors(int[][] terms, double[][] weights) {
    this.terms = terms;
    this.weights = weights;
  }

  static TermVectors of(List<String> texts) {
    Map<String, Integer> ids = new HashMap<>();
    int n = texts.size();
    int[][] termIds = new int[n][];
    int[][] counts = new int[n][];
    try (Analyzer analyzer = new StandardAnalyzer()) {
      for (int d = 0; d < n; d++) {
        Map<Integer, Integer> tf = new HashMap<>();
        try (TokenStream tokens = analyzer.tokenStream("text", texts.get(d))) {
          CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
          tokens.reset();
          while (tokens.incrementToken()) {
            tf.merge(ids.computeIfAbsent(term.toString(), t -> ids.size()), 1, Integer::sum);
          }
          tokens.end();
        } catch (IOException e) {
          throw new UncheckedIOException(e); // cannot happen: the text is in memory
        }
        termIds[d] = tf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        counts[d] = Arrays.stream(termIds[d]).map(tf::get).toArray();
      }
    }
    int[] df = new int[ids.size()];
    for (int[] t : termIds) {
      for (int id : t) {
        df[id]++;
      }
    }
    double[][] weights = new double[n][];
    for (int d = 0; d < n; d++) {
      double[] w = new double[termIds[d].length];
      double norm = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = (1 + Math.log(counts[d][i])) * Math.log((n + 1.0) / df[termIds[d][i]]);
        norm += w[i] * w[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < w.length; i++) {
        w[i] = norm == 0 ? 0 : w[i] / norm;
      }
      weights[d] = w;
    }
    return new TermVectors(termIds, weights);
  }

  /** Cosine similarity of texts {@code a} and {@code b}, in [0, 1]; 0 when either has no terms. */
  double cosine(int a, int b) {
    int[] ta = terms[a];
    int[] tb = terms[b];
    double dot = 0;
    for (int i = 0, j = 0; i < ta.length && j < tb.length; ) {
      if (ta[i] == tb[j]) {
        dot += weights[a][i++] * weights[b][j++];
      } else if (ta[i] < tb[j]) {
        i++;
      } else {
        j++;
      }
    }
    return dot;
  }
}
