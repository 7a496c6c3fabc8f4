package dev.ragkb.generation.extractive;

import dev.ragkb.core.Answer;
import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Citation;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Generator;
import dev.ragkb.core.Hit;
import dev.ragkb.generation.context.ContextAssembler;
import dev.ragkb.generation.context.Passage;
import dev.ragkb.generation.text.SentenceSplitter;
import dev.ragkb.generation.text.SentenceSplitter.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers with the sentences of the top sources that best match the question, each followed by the
 * number of its source. The sources are the passages the {@link ContextAssembler} makes of the top
 * hits (their parent sections, where they fit), so an answer may come from next to a matched chunk;
 * a citation's snippet is the span of its passage that holds the sentences the answer took from it. A sentence scores the mean of its embedding similarity to the question and
 * the share of the question's content words it (or its headings) contains; when no sentence reaches
 * {@link Settings#minScore} the generator abstains rather than guess. Its markers are valid by
 * construction: each names the source its sentence was copied from. The answer streams as a single
 * piece. Thread-safe.
 */
public final class ExtractiveGenerator implements Generator {

  /**
   * @param maxSources how many of the top hits are read
   * @param maxSentences how many sentences the answer holds at most
   * @param minScore the least score a sentence needs to be used; below it for every sentence, the
   *     answer abstains. Calibrated on bge-small-en-v1.5, whose similarities between unrelated
   *     English sentences sit around 0.4-0.6 (so an unrelated sentence scores about 0.25)
   * @param relativeCutoff a sentence besides the best must score at least this share of the best
   * @param snippetChars the longest snippet a citation carries: the cited sentences of a passage,
   *     or its best cited sentence alone when they would be longer (cut when that one is)
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

  private record Candidate(int source, Span span, String sentence, double score) {}

  private final EmbeddingModel embeddings;
  private final ContextAssembler context;
  private final Settings settings;
  private final TermOverlap overlap = new TermOverlap();

  public ExtractiveGenerator(EmbeddingModel embeddings, ContextAssembler context, Settings settings) {
    this.embeddings = embeddings;
    this.context = context;
    this.settings = settings;
  }

  @Override
  public Answer generate(String question, List<Hit> sources, AnswerStream stream) {
    Answer answer = answer(question, sources);
    stream.append(answer.answer());
    return answer;
  }

  private Answer answer(String question, List<Hit> hits) {
    List<Passage> read = context.assemble(hits.subList(0, Math.min(settings.maxSources(), hits.size())));
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

  private List<Candidate> score(String question, List<Passage> sources) {
    Set<String> questionTerms = overlap.terms(question);
    String asked = normalized(question);
    List<Candidate> unscored = new ArrayList<>();
    List<Double> coverages = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      Passage passage = sources.get(s);
      Set<String> headingTerms = overlap.terms(passage.title() + " " + String.join(" ", passage.headingPath()));
      for (Span span : SentenceSplitter.spans(passage.text())) {
        String sentence = span.of(passage.text());
        if (asksOrRepeats(sentence, asked)) {
          continue;
        }
        Set<String> terms = new HashSet<>(overlap.terms(sentence));
        terms.addAll(headingTerms);
        unscored.add(new Candidate(s, span, sentence, 0));
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
      scored.add(new Candidate(c.source(), c.span(), c.sentence(), score));
    }
    return scored;
  }

  /**
   * A sentence that asks something (an FAQ's question, a heading in question form) or quotes the
   * question (a usage example that contains it) matches the question best of all and answers
   * nothing; only statements are quoted as answers. A short question (a keyword or two) is not
   * looked for inside sentences: answers to it contain it.
   */
  static boolean asksOrRepeats(String sentence, String normalizedQuestion) {
    String s = sentence.strip().replaceAll("[\\s\"'\u201D\u2019)\\]]+$", "");
    if (s.endsWith("?") || s.endsWith("\uFF1F")) {
      return true;
    }
    boolean longEnough = normalizedQuestion.indexOf(' ') >= 0
        ? normalizedQuestion.split(" ").length >= 4
        : normalizedQuestion.length() >= 8; // unspaced scripts (Chinese): characters, not words
    return longEnough && normalized(sentence).contains(normalizedQuestion);
  }

  /** Lower case, words only, single spaces: so that quoting differences do not hide a repeat. */
  private static String normalized(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** @param chosen best first */
  private Answer compose(List<Candidate> chosen, List<Passage> sources) {
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
    numberOfSource.forEach((source, n) -> citations.add(snippet(n, sources.get(source),
        chosen.stream().filter(c -> c.source() == source).map(Candidate::span).toList())));
    return new Answer(text.toString(), citations, false);
  }

  /** Cites the span of {@code passage} from its first to its last quoted sentence, or the best one when that is too long. */
  private Citation snippet(int n, Passage passage, List<Span> quoted) {
    int from = quoted.stream().mapToInt(Span::start).min().orElseThrow();
    int to = quoted.stream().mapToInt(Span::end).max().orElseThrow();
    if (to - from > settings.snippetChars()) {
      from = quoted.getFirst().start();
      to = Math.min(quoted.getFirst().end(), from + settings.snippetChars());
    }
    return passage.cite(n, from, to);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
