package dev.ragkb.indexing.lucene;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.VectorQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.jspecify.annotations.Nullable;

/**
 * Float against int8 HNSW on synthetic vectors, through {@link LuceneIndex} itself: build time,
 * size, the vector bytes a search keeps hot, kNN recall@k against exact search, and latency.
 *
 * <p>The vectors are clustered (a Gaussian around one of {@code vectors / 100} random unit centres,
 * normalized), as embeddings of a real corpus are; uniform random vectors in 384 dimensions have no
 * meaningful neighbours and understate every approximate index. Queries are fresh points of the same
 * distribution. Seeded, so a rerun builds the same index.
 */
public final class VectorFormatBenchmark {

  /**
   * What to run.
   *
   * @param vectors how many chunks
   * @param dimension their length
   * @param queries timed queries (after as many warm-up queries)
   * @param topK hits per query; recall is measured at this k
   * @param batch chunks per write (one commit each)
   * @param seed of the data
   */
  public record Settings(int vectors, int dimension, int queries, int topK, int batch, long seed) {}

  /**
   * One format's numbers.
   *
   * @param hotVectorBytes the vector files a search reads (graph plus float or quantized vectors),
   *     the memory to keep in the page cache for fast kNN
   * @param offHeapBytes every vector file by extension: vec (floats), vex (graph), veq (quantized)
   */
  public record Result(VectorFormat format, int vectors, double buildSeconds, long indexBytes, long hotVectorBytes,
      Map<String, Long> offHeapBytes, int segments, double recall, double p50Ms, double p95Ms) {}

  private static final String KB = "bench";
  private static final SearchFilter ALL = SearchFilter.of(new Principal.Admin());

  private final Settings settings;
  private final float[][] data;
  private final float[][] queries;

  public VectorFormatBenchmark(Settings settings) {
    this.settings = settings;
    Random random = new Random(settings.seed());
    int clusters = Math.max(1, settings.vectors() / 100);
    float[][] centres = new float[clusters][];
    for (int i = 0; i < clusters; i++) {
      centres[i] = gaussian(random, settings.dimension(), null, 1f);
    }
    // noise of norm about 0.7 around a unit centre: a point's cosine to its centre is about 0.8
    float sigma = (float) (0.7 / Math.sqrt(settings.dimension()));
    data = new float[settings.vectors()][];
    for (int i = 0; i < data.length; i++) {
      data[i] = gaussian(random, settings.dimension(), centres[random.nextInt(clusters)], sigma);
    }
    queries = new float[2 * settings.queries()][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = gaussian(random, settings.dimension(), centres[random.nextInt(clusters)], sigma);
    }
  }

  /** Builds an index of every vector in {@code dir} (which must not exist) and measures it. */
  public Result run(VectorFormat format, Path dir) {
    long start = System.nanoTime();
    try (LuceneIndex index = new LuceneIndex(dir, kb -> "en", format)) {
      for (int from = 0, b = 0; from < data.length; from += settings.batch(), b++) {
        String doc = "batch-" + b;
        List<EmbeddedChunk> chunks = new ArrayList<>();
        for (int i = from; i < Math.min(data.length, from + settings.batch()); i++) {
          chunks.add(new EmbeddedChunk(new Chunk(Integer.toString(i), doc, KB, i - from, "synthetic " + i, "t", "s",
              List.of(), null, 0, 0, Acl.PUBLIC, Set.of()), data[i]));
        }
        index.replaceDocument(KB, doc, chunks);
      }
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      for (int q = 0; q < settings.queries(); q++) {
        search(index, queries[settings.queries() + q]);
      }
      double[] millis = new double[settings.queries()];
      double recallSum = 0;
      for (int q = 0; q < settings.queries(); q++) {
        long t = System.nanoTime();
        List<Hit> hits = search(index, queries[q]);
        millis[q] = (System.nanoTime() - t) / 1e6;
        Set<String> found = new HashSet<>();
        hits.forEach(h -> found.add(h.chunk().id()));
        Set<String> exact = exact(queries[q]);
        found.retainAll(exact);
        recallSum += (double) found.size() / exact.size();
      }
      Arrays.sort(millis);
      Map<String, Long> offHeap = index.withSearcher(KB, s -> {
        Map<String, Long> sizes = new HashMap<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
          LeafReader reader = FilterLeafReader.unwrap(leaf.reader());
          FieldInfo field = reader.getFieldInfos().fieldInfo(ChunkFields.VECTOR);
          if (reader instanceof CodecReader codec && field != null) {
            KnnVectorsReader vectors = codec.getVectorReader();
            sizes = KnnVectorsReader.mergeOffHeapByteSizeMaps(sizes, vectors.getOffHeapByteSize(field));
          }
        }
        return sizes;
      });
      int segments = index.withSearcher(KB, s -> s.getIndexReader().leaves().size());
      long hot = offHeap.getOrDefault("vex", 0L)
          + (format == VectorFormat.INT8 ? offHeap.getOrDefault("veq", 0L) : offHeap.getOrDefault("vec", 0L));
      return new Result(format, data.length, buildSeconds, size(dir), hot, Map.copyOf(offHeap), segments,
          recallSum / settings.queries(), percentile(millis, 0.50), percentile(millis, 0.95));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Hit> search(LuceneIndex index, float[] query) {
    return index.searchVectors(new VectorQuery(KB, query, settings.topK(), ALL));
  }

  /** The true top k by brute force: the oracle recall is measured against. */
  private Set<String> exact(float[] query) {
    int k = settings.topK();
    int[] best = new int[k];
    double[] scores = new double[k];
    Arrays.fill(scores, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < data.length; i++) {
      double s = 0;
      float[] v = data[i];
      for (int d = 0; d < v.length; d++) {
        s += v[d] * query[d];
      }
      if (s > scores[k - 1]) {
        int j = k - 1;
        while (j > 0 && scores[j - 1] < s) {
          scores[j] = scores[j - 1];
          best[j] = best[j - 1];
          j--;
        }
        scores[j] = s;
        best[j] = i;
      }
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < Math.min(k, data.length); i++) {
      ids.add(Integer.toString(best[i]));
    }
    return ids;
  }

  private static float[] gaussian(Random random, int dimension, float @Nullable [] centre, float sigma) {
    float[] v = new float[dimension];
    double norm = 0;
    for (int d = 0; d < dimension; d++) {
      v[d] = (centre == null ? 0 : centre[d]) + (float) (random.nextGaussian() * sigma);
      norm += v[d] * v[d];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < dimension; d++) {
      v[d] *= inv;
    }
    return v;
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
