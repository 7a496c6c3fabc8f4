package dev.ragkb.gateway.cli;

import dev.ragkb.gateway.RagkbApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code rag serve}: starts the service; further arguments go to Spring Boot ({@code --server.port=9090}). */
@Command(name = "serve", description = "Start the service (port 8080, data in ./data unless configured).")
final class ServeCommand implements Runnable {

  @Unmatched List<String> springArgs = new ArrayList<>();

  @Override
  public void run() {
    SpringApplication.run(RagkbApplication.class, springArgs.toArray(String[]::new));
  }
}
