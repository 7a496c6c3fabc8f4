package dev.ragkb.gateway.cli;

import picocli.CommandLine.Command;

/** {@code rag bench ...}: benchmarks that print one JSON object. */
@Command(
    name = "bench",
    description = "Benchmarks; each prints one JSON object.",
    subcommands = {IngestBenchCommand.class, QueryBenchCommand.class})
final class BenchCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
