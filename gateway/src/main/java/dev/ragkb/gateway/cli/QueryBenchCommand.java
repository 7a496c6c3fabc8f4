package dev.ragkb.gateway.cli;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.eval.bench.QueryLatencyBenchmark;
import dev.ragkb.gateway.config.RetrievalProperties;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.indexing.lucene.RawLuceneBaseline;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.hybrid.Retriever;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rag bench query}: hybrid retrieval latency against plain Lucene. */
@Command(name = "query", description = "Hybrid retrieval latency over a BEIR folder's queries against the least Lucene work the same answer needs.")
final class QueryBenchCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "the BEIR folder") Path dir;

  @Option(names = "--work", description = "where the index lives (default $RAGKB_DATA_DIR/eval/<name>, shared with rag eval)") Path work;

  @Option(names = "--rounds", defaultValue = "3", description = "timed passes over the queries (default ${DEFAULT-VALUE})") int rounds;

  @Option(names = "--top-k", defaultValue = "10", description = "hits per query (default ${DEFAULT-VALUE})") int topK;

  @Option(names = "--set", description = "a service property for this run") List<String> settings = List.of();

  @Override
  public Integer call() {
    try (BeirWorkspace ws = BeirWorkspace.open(dir, work, settings)) {
      int depth = Math.max(ws.bean(RetrievalProperties.class).candidates(), topK);
      var bench = new QueryLatencyBenchmark(ws.bean(Retriever.class), ws.bean(Ranking.class),
          new RawLuceneBaseline(ws.bean(LuceneIndex.class)), ws.bean(EmbeddingModel.class), depth);
      var r = bench.run(ws.kb.id(), List.copyOf(ws.data.queries().values()), rounds, topK);
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("dataset", ws.data.name());
      root.put("queries", r.queries());
      root.put("rounds", r.rounds());
      root.put("topK", topK);
      root.put("candidatesPerRetriever", depth);
      root.put("p50_ms", Json.round(r.p50Ms()));
      root.put("p95_ms", Json.round(r.p95Ms()));
      root.put("raw_lucene_p50_ms", Json.round(r.rawP50Ms()));
      root.put("raw_lucene_p95_ms", Json.round(r.rawP95Ms()));
      root.put("ratio", Json.round(r.ratio()));
      root.put("cores", Runtime.getRuntime().availableProcessors());
      System.out.println(Json.pretty(root));
    }
    return 0;
  }
}
