package dev.ragkb.gateway.cli;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.eval.beir.RetrievalEvaluation;
import dev.ragkb.gateway.config.RetrievalProperties;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.retrieval.hybrid.Ranking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rag eval beir DIR}: retrieval quality of the service's configuration on a BEIR data set, as JSON. */
@Command(name = "eval", description = "Evaluate retrieval quality.", subcommands = EvalCommand.Beir.class)
final class EvalCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  @Command(name = "beir", description = "nDCG@10, Recall@100 and MRR@10 on a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv).")
  static final class Beir implements Callable<Integer> {

    @Parameters(index = "0", description = "the BEIR folder") Path dir;

    @Option(names = "--out", description = "also write the JSON to this file") Path out;

    @Option(names = "--work", description = "where the evaluation index lives (default $RAGKB_DATA_DIR/eval/<name>)") Path work;

    @Option(names = "--set", description = "a service property for this run, e.g. --set ragkb.retrieval.fusion=linear-min-max")
    List<String> settings = List.of();

    @Override
    public Integer call() throws Exception {
      try (BeirWorkspace ws = BeirWorkspace.open(dir, work, settings)) {
        long t0 = System.nanoTime();
        LuceneIndex index = ws.bean(LuceneIndex.class);
        EmbeddingModel model = ws.bean(EmbeddingModel.class);
        RetrievalProperties retrieval = ws.bean(RetrievalProperties.class);
        Ranking ranking = ws.bean(Ranking.class);
        var report = new RetrievalEvaluation(index, index, model, Math.max(100, retrieval.candidates()))
            .evaluate(ws.kb.id(), ws.data, ranking);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", ws.data.name());
        root.put("documents", ws.data.corpus().size());
        root.put("chunks", index.chunkCount(ws.kb.id()));
        root.put("queries", ws.data.queries().size());
        root.put("embeddingModel", model.name());
        root.put("candidatesPerRetriever", Math.max(100, retrieval.candidates()));
        root.put("default", report.defaultConfig());
        putScores(root, report.defaults());
        Map<String, Object> configs = new LinkedHashMap<>();
        report.configs().forEach((name, s) -> configs.put(name, putScores(new LinkedHashMap<>(), s)));
        root.put("configs", configs);
        root.put("crossValidation", report.crossValidation().stream().map(cv -> Map.of(
            "config", cv.config(),
            cv.parameter() + "ChosenOnFold0", cv.chosenOnFold0(),
            cv.parameter() + "ChosenOnFold1", cv.chosenOnFold1(),
            "heldOutNdcg@10", Json.round(cv.heldOutNdcg10()))).toList());
        root.put("indexSeconds", Json.round(ws.indexSeconds));
        root.put("querySeconds", Json.round((System.nanoTime() - t0) / 1e9));
        String json = Json.pretty(root);
        System.out.println(json);
        if (out != null) {
          Files.writeString(out, json + "\n");
        }
      }
      return 0;
    }

    private static Map<String, Object> putScores(Map<String, Object> m, RetrievalEvaluation.Scores s) {
      m.put("ndcg@10", Json.round(s.ndcg10()));
      m.put("recall@100", Json.round(s.recall100()));
      m.put("mrr@10", Json.round(s.mrr10()));
      return m;
    }
  }
}
