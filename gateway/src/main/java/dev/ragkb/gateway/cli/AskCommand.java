package dev.ragkb.gateway.cli;

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

  @Override
  public Integer call() {
    try {
      JsonNode a = ServiceClient.fromEnvironment().postJson("v1/knowledge-bases/" + kb + "/ask", Map.of("question", question));
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
}
