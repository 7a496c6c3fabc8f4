package dev.ragkb.gateway.cli;

import dev.ragkb.indexing.lucene.VectorFormat;
import dev.ragkb.indexing.lucene.VectorFormatBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rag bench index}: Lucene HNSW float32 against int8 on synthetic vectors. */
@Command(name = "index", description = "Lucene HNSW on synthetic clustered vectors, float32 against int8: build time, size, "
    + "hot vector bytes, kNN recall@k against exact search, p50/p95 latency.")
final class IndexBenchCommand implements Callable<Integer> {

  @Option(names = "--vectors", defaultValue = "1000000", description = "chunks to index (default ${DEFAULT-VALUE})") int vectors;

  @Option(names = "--dimension", defaultValue = "384", description = "vector length (default ${DEFAULT-VALUE}, bge-small)") int dimension;

  @Option(names = "--queries", defaultValue = "200", description = "timed queries, after as many warm-up ones (default ${DEFAULT-VALUE})") int queries;

  @Option(names = "--top-k", defaultValue = "10", description = "hits per query; recall is measured at k (default ${DEFAULT-VALUE})") int topK;

  @Option(names = "--batch", defaultValue = "10000", description = "chunks per commit (default ${DEFAULT-VALUE})") int batch;

  @Option(names = "--work", description = "scratch directory, emptied first (default $RAGKB_DATA_DIR/bench/index)") Path work;

  @Override
  public Integer call() throws IOException {
    Path dir = work != null ? work : Path.of(System.getenv().getOrDefault("RAGKB_DATA_DIR", "./data"), "bench", "index");
    delete(dir);
    var bench = new VectorFormatBenchmark(new VectorFormatBenchmark.Settings(vectors, dimension, queries, topK, batch, 42));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("vectors", vectors);
    root.put("dimension", dimension);
    root.put("queries", queries);
    root.put("topK", topK);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    for (VectorFormat format : List.of(VectorFormat.FLOAT32, VectorFormat.INT8)) {
      var r = bench.run(format, dir.resolve(format.name().toLowerCase(Locale.ROOT)));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("build_s", Json.round(r.buildSeconds()));
      m.put("index_bytes", r.indexBytes());
      m.put("hot_vector_bytes", r.hotVectorBytes());
      m.put("vector_files_bytes", r.offHeapBytes());
      m.put("segments", r.segments());
      m.put("recall@" + topK, Json.round(r.recall()));
      m.put("p50_ms", Json.round(r.p50Ms()));
      m.put("p95_ms", Json.round(r.p95Ms()));
      root.put(format.name().toLowerCase(Locale.ROOT), m);
      System.err.println("bench index: " + format + " done");
    }
    delete(dir);
    System.out.println(Json.pretty(root));
    return 0;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
