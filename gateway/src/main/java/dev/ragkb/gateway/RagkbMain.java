package dev.ragkb.gateway;

import dev.ragkb.gateway.cli.RagCommand;
import picocli.CommandLine;

/** Entry point of the jar: {@code serve} starts the service, the other commands are its clients. */
public final class RagkbMain {

  private RagkbMain() {}

  public static void main(String[] args) {
    int exit = new CommandLine(new RagCommand()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
