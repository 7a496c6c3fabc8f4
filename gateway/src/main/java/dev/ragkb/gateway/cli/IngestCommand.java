package dev.ragkb.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code rag ingest PATH... --kb NAME}: uploads files and folders (recursively, hidden files skipped)
 * in batches, shows progress, prints a summary, and exits 1 when any document failed.
 */
@Command(name = "ingest", description = "Batch-ingest files and folders into a knowledge base of a running service.")
final class IngestCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", description = "files or folders") List<Path> paths;

  @Option(names = "--kb", required = true, description = "knowledge base name (created when missing)") String kb;

  @Option(names = "--batch", defaultValue = "20", description = "files per upload request (default ${DEFAULT-VALUE})")
  int batch;

  private final PrintStream out = System.out;
  private final PrintStream err = System.err;

  @Override
  public Integer call() {
    try {
      List<Path> files = collect(paths);
      if (files.isEmpty()) {
        err.println("rag ingest: no files under " + paths);
        return 2;
      }
      ServiceClient client = ServiceClient.fromEnvironment();
      ensureKnowledgeBase(client);
      List<String> jobs = new ArrayList<>();
      for (int from = 0; from < files.size(); from += batch) {
        List<Path> slice = files.subList(from, Math.min(files.size(), from + batch));
        jobs.add(client.upload("v1/knowledge-bases/" + kb + "/documents", slice).path("jobId").asString());
      }
      return await(client, jobs, files.size());
    } catch (RuntimeException e) {
      err.println();
      err.println("rag ingest: " + e.getMessage());
      return 2;
    }
  }

  private void ensureKnowledgeBase(ServiceClient client) {
    try {
      client.get("v1/knowledge-bases/" + kb);
    } catch (ServiceClient.ServiceException e) {
      if (e.status != 404) {
        throw e;
      }
      client.postJson("v1/knowledge-bases", Map.of("name", kb));
      out.println("created knowledge base " + kb);
    }
  }

  private int await(ServiceClient client, List<String> jobs, int total) {
    List<JsonNode> finished;
    while (true) {
      finished = jobs.stream().map(id -> client.get("v1/jobs/" + id)).toList();
      int done = finished.stream().mapToInt(j -> j.path("done").asInt()).sum();
      progress(done, total);
      if (finished.stream().allMatch(IngestCommand::isFinal)) {
        break;
      }
      sleep(Duration.ofMillis(500));
    }
    err.println();
    int ok = 0, skipped = 0, failed = 0;
    for (JsonNode j : finished) {
      ok += j.path("succeeded").asInt();
      skipped += j.path("skipped").asInt();
      failed += j.path("failed").asInt();
      for (JsonNode e : j.path("errors")) {
        err.printf("  failed: %s: %s%n", e.path("source").asString(), e.path("message").asString());
      }
    }
    out.printf("ingested %d, unchanged %d, failed %d of %d files into %s%n", ok, skipped, failed, total, kb);
    return failed == 0 ? 0 : 1;
  }

  private static boolean isFinal(JsonNode job) {
    String s = job.path("status").asString();
    return s.equals("succeeded") || s.equals("partially_failed") || s.equals("failed");
  }

  private void progress(int done, int total) {
    int width = 30;
    int filled = total == 0 ? width : done * width / total;
    err.printf("\r[%s%s] %d/%d", "#".repeat(filled), "-".repeat(width - filled), done, total);
  }

  static List<Path> collect(List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new IllegalArgumentException("no such file or folder: " + root);
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> root.relativize(p).toString().isEmpty() || !hidden(root.relativize(p)))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Waits between polls of a running job; the CLI's commands share it. */
  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
