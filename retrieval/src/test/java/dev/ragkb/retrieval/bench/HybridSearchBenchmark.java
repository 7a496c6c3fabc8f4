package dev.ragkb.retrieval.bench;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.retrieval.hybrid.HybridRetriever;
import dev.ragkb.retrieval.hybrid.Ranking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path of every query: BM25 and kNN over one Lucene index, fused. {@code fuseThenRead} is the
 * service's path (fuse Lucene's document numbers, read stored chunks for the winners only);
 * {@code readThenFuse} reads every candidate of both lists first, as any pair of separate indexes
 * must. Same index, queries and fusion; the query embedding is a cheap hash so the index work shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HybridSearchBenchmark {

  private static final String KB = "bench";

  /** Chunks in the index; each carries a parent passage four times its size, as the chunker stores. */
  @Param("20000") int chunks;

  /** Candidates per retriever, the service's default. */
  @Param("100") int depth;

  /** The service's default ranking: min-max linear fusion, kNN weight 0.6, no diversification. */
  private static final Ranking RANKING = new Ranking(FusionMethod.LINEAR_MIN_MAX, 0.6, 60, 1);

  private Path dir;
  private LuceneIndex index;
  private HybridRetriever oneSnapshot;
  private HybridRetriever separate;
  private final List<String> queries = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void index() throws IOException {
    dir = Files.createTempDirectory("hybrid-bench");
    index = new LuceneIndex(dir, kb -> "en");
    var model = new HashingEmbeddingModel(384);
    Random random = new Random(42);
    String[] vocabulary = vocabulary(random, 5_000);
    Map<String, List<EmbeddedChunk>> batch = new LinkedHashMap<>();
    for (int i = 0; i < chunks; i++) {
      String text = words(random, vocabulary, 60);
      var chunk = new Chunk("c" + i, "d" + i, KB, 0, text, "Title " + i, "d" + i + ".txt", List.of("Section"), null, 0,
          text.length(), Acl.PUBLIC, Set.of(), text + " " + words(random, vocabulary, 180));
      batch.put(chunk.documentId(), List.of(new EmbeddedChunk(chunk, model.embedPassages(List.of(text)).getFirst())));
      if (batch.size() == 1_000) {
        index.replaceDocuments(KB, batch);
        batch.clear();
      }
    }
    index.replaceDocuments(KB, batch);
    for (int q = 0; q < 256; q++) {
      queries.add(words(random, vocabulary, 8));
    }
    var settings = new HybridRetriever.Settings(depth);
    oneSnapshot = new HybridRetriever(index, index, kbId -> model, settings);
    separate = new HybridRetriever(index::searchText, index::searchVectors, kbId -> model, settings);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    index.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public List<Hit> fuseThenRead() {
    return oneSnapshot.retrieve(nextRequest());
  }

  @Benchmark
  public List<Hit> readThenFuse() {
    return separate.retrieve(nextRequest());
  }

  private HybridRetriever.Request nextRequest() {
    next = (next + 1) % queries.size();
    return new HybridRetriever.Request(KB, queries.get(next), 10, SearchFilter.of(new Principal.Admin()), RANKING);
  }

  /** Zipf-like word use: a few words are frequent, most are rare, as in text. */
  private static String words(Random random, String[] vocabulary, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int rank = (int) Math.min(vocabulary.length - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(vocabulary.length))));
      b.append(vocabulary[rank]).append(' ');
    }
    return b.toString().strip();
  }

  private static String[] vocabulary(Random random, int size) {
    String[] words = new String[size];
    for (int i = 0; i < size; i++) {
      StringBuilder w = new StringBuilder();
      int length = 3 + random.nextInt(7);
      for (int c = 0; c < length; c++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
    return words;
  }
}
