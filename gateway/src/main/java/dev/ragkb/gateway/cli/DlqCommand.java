package dev.ragkb.gateway.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code rag dlq replay}: re-drives the documents that ingestion dead-lettered, on a running service. */
@Command(name = "dlq", description = "Dead-lettered documents of a running service.",
    subcommands = DlqCommand.Replay.class)
final class DlqCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  @Command(name = "replay", description = "Send every dead letter since the last replay through the pipeline again.")
  static final class Replay implements Callable<Integer> {

    @Override
    public Integer call() {
      try {
        JsonNode r = ServiceClient.fromEnvironment().postJson("v1/dead-letters/replay", Map.of());
        System.out.printf("replayed %d of %d dead letters (the others were deleted, replaced or replayed since)%n",
            r.path("replayed").asInt(), r.path("deadLetters").asInt());
        return 0;
      } catch (RuntimeException e) {
        System.err.println("rag dlq replay: " + e.getMessage());
        return 2;
      }
    }
  }
}
