package dev.ragkb.gateway.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code rag ask "QUESTION" --kb NAME}: prints the answer and its numbered sources. */
@Command(name = "ask", description = "Ask a running service a question; prints the answer and its sources.")
final class AskCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "the question") String question;

  @Option(names = "--kb", required = true, description = "knowledge base name") String kb;

  @Option(names = "--fusion", description = "rrf, linear-min-max or linear-z-score (default: the knowledge base's)")
  String fusion;

  @Option(names = "--vector-weight", description = "linear fusion's weight of kNN against BM25, 0 to 1") Double vectorWeight;

  @Option(names = "--rrf-k", description = "reciprocal rank fusion's k, at least 1") Integer rrfK;

  @Option(names = "--mmr-lambda", description = "diversify the sources: 1 is off, lower pushes near-duplicates down")
  Double mmrLambda;

  @Override
  public Integer call() {
    try {
      JsonNode a = ServiceClient.fromEnvironment().postJson("v1/knowledge-bases/" + kb + "/ask", body());
      System.out.println(a.path("answer").asString());
      if (a.path("citations").size() > 0) {
        System.out.println();
        System.out.println("Sources:");
        for (JsonNode c : a.path("citations")) {
          String page = c.hasNonNull("page") ? ", page " + c.get("page").asInt() : "";
          System.out.printf("  [%d] %s — %s%s%n", c.path("n").asInt(), c.path("source").asString(),
              c.path("title").asString(), page);
        }
      }
      return 0;
    } catch (RuntimeException e) {
      System.err.println("rag ask: " + e.getMessage());
      return 2;
    }
  }

  /** The question, and the retrieval settings given on the command line (the service checks them). */
  private Map<String, Object> body() {
    Map<String, Object> retrieval = new LinkedHashMap<>();
    putIfSet(retrieval, "fusion", fusion);
    putIfSet(retrieval, "vectorWeight", vectorWeight);
    putIfSet(retrieval, "rrfK", rrfK);
    putIfSet(retrieval, "mmrLambda", mmrLambda);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("question", question);
    if (!retrieval.isEmpty()) {
      body.put("retrieval", retrieval);
    }
    return body;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
