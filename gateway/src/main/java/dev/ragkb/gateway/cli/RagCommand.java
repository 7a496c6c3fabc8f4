package dev.ragkb.gateway.cli;

import picocli.CommandLine.Command;

/** {@code rag}: the root command; see the subcommands. */
@Command(
    name = "rag",
    mixinStandardHelpOptions = true,
    description = "ragkb: a knowledge base that answers with cited sources.",
    subcommands = {ServeCommand.class, IngestCommand.class, AskCommand.class, EvalCommand.class, DlqCommand.class,
        BenchCommand.class})
public final class RagCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
