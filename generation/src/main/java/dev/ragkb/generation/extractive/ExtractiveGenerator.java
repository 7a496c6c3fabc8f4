package dev.ragkb.generation.extractive;

import dev.ragkb.core.Answer;
import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Citation;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Generator;
import dev.ragkb.core.Hit;
import dev.ragkb.generation.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers with the sentences of the top sources that best match the question, each followed by the
 * number of its source. A sentence scores the mean of its embedding similarity to the question and
 * the share of the question's content words it (or its headings) contains; when no sentence reaches
 * {@link Settings#minScore} the generator abstains rather than guess. Its markers are valid by
 * construction: each names the source its sentence was copied from. The answer streams as a single
 * piece. Thread-safe.
 */
public final class ExtractiveGenerator implements Generator {

  /**
   * @param maxSources how many of the top sources are read
   * @param maxSentences how many sentences the answer holds at most
   * @param minScore the least score a sentence needs to be used; below it for every sentence, the
   *     answer abstains. Calibrated on bge-small-en-v1.5, whose similarities between unrelated
   *     English sentences sit around 0.4-0.6 (so an unrelated sentence scores about 0.25)
   * @param relativeCutoff a sentence besides the best must score at least this share of the best
   * @param snippetChars the longest snippet a citation carries
   */
  public record Settings(int maxSources, int maxSentences, double minScore, double relativeCutoff, int snippetChars) {
    public Settings {
      if (maxSources < 1 || maxSentences < 1 || snippetChars < 1) {
        throw new IllegalArgumentException("maxSources, maxSentences and snippetChars must be > 0");
      }
      if (minScore < 0 || minScore > 1 || relativeCutoff < 0 || relativeCutoff > 1) {
        throw new IllegalArgumentException("minScore and relativeCutoff must lie in [0, 1]");
      }
    }

    public static Settings defaults() {
      return new Settings(5, 3, 0.5, 0.85, 400);
    }
  }

  private record Candidate(int source, int position, String sentence, double score) {}

  private final EmbeddingModel embeddings;
  private final Settings settings;
  private final TermOverlap overlap = new TermOverlap();

  public ExtractiveGenerator(EmbeddingModel embeddings, Settings settings) {
    this.embeddings = embeddings;
    this.settings = settings;
  }

  @Override
  public Answer generate(String question, List<Hit> sources, AnswerStream stream) {
    Answer answer = answer(question, sources);
    stream.append(answer.answer());
    return answer;
  }

  private Answer answer(String question, List<Hit> sources) {
    List<Hit> read = sources.subList(0, Math.min(settings.maxSources(), sources.size()));
    List<Candidate> candidates = score(question, read);
    double best = candidates.stream().mapToDouble(Candidate::score).max().orElse(0);
    if (best < settings.minScore()) {
      return Answer.abstain();
    }
    double cutoff = Math.max(settings.minScore(), best * settings.relativeCutoff());
    List<Candidate> chosen =
        candidates.stream()
            .filter(c -> c.score() >= cutoff)
            .sorted(Comparator.comparingDouble(Candidate::score).reversed())
            .limit(settings.maxSentences())
            .toList();
    return compose(chosen, read);
  }

  private List<Candidate> score(String question, List<Hit> sources) {
    Set<String> questionTerms = overlap.terms(question);
    List<Candidate> unscored = new ArrayList<>();
    List<Double> coverages = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      var chunk = sources.get(s).chunk();
      Set<String> headingTerms = overlap.terms(chunk.title() + " " + String.join(" ", chunk.headingPath()));
      List<String> sentences = SentenceSplitter.split(chunk.text());
      for (int p = 0; p < sentences.size(); p++) {
        Set<String> terms = new HashSet<>(overlap.terms(sentences.get(p)));
        terms.addAll(headingTerms);
        unscored.add(new Candidate(s, p, sentences.get(p), 0));
        coverages.add(TermOverlap.coverage(questionTerms, terms));
      }
    }
    if (unscored.isEmpty()) {
      return List.of();
    }
    float[] q = embeddings.embedQuery(question);
    List<float[]> vectors = embeddings.embedPassages(unscored.stream().map(Candidate::sentence).toList());
    List<Candidate> scored = new ArrayList<>(unscored.size());
    for (int i = 0; i < unscored.size(); i++) {
      Candidate c = unscored.get(i);
      double score = 0.5 * dot(q, vectors.get(i)) + 0.5 * coverages.get(i);
      scored.add(new Candidate(c.source(), c.position(), c.sentence(), score));
    }
    return scored;
  }

  private Answer compose(List<Candidate> chosen, List<Hit> sources) {
    Map<Integer, Integer> numberOfSource = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    for (Candidate c : chosen) {
      int n = numberOfSource.computeIfAbsent(c.source(), s -> numberOfSource.size() + 1);
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(c.sentence()).append(" [").append(n).append(']');
    }
    List<Citation> citations = new ArrayList<>();
    numberOfSource.forEach((source, n) -> {
      Hit hit = sources.get(source);
      String chunkText = hit.chunk().text();
      int from = 0;
      while (from < chunkText.length() && Character.isWhitespace(chunkText.charAt(from))) {
        from++;
      }
      citations.add(Citation.of(n, hit, from, Math.min(chunkText.length(), from + settings.snippetChars())));
    });
    return new Answer(text.toString(), citations, false);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
