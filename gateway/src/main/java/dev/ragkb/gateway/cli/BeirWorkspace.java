package dev.ragkb.gateway.cli;

import dev.ragkb.core.Acl;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.eval.beir.BeirDataset;
import dev.ragkb.gateway.RagkbApplication;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.Upload;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service, without its web server, over a BEIR corpus indexed through its own ingestion
 * pipeline in a work folder. Later runs reuse the folder: documents already indexed are skipped by
 * content hash. The service's configuration applies, plus any {@code key=value} overrides.
 */
final class BeirWorkspace implements AutoCloseable {

  final BeirDataset data;
  final ConfigurableApplicationContext context;
  final KnowledgeBase kb;
  final double indexSeconds;

  private BeirWorkspace(BeirDataset data, ConfigurableApplicationContext context, KnowledgeBase kb, double indexSeconds) {
    this.data = data;
    this.context = context;
    this.kb = kb;
    this.indexSeconds = indexSeconds;
  }

  /**
   * @param work where the index lives; null for {@code $RAGKB_DATA_DIR/eval/<name>} (RAGKB_DATA_DIR defaulting to ./data)
   * @param settings service properties as {@code key=value}
   */
  static BeirWorkspace open(Path dataset, @org.jspecify.annotations.Nullable Path work, List<String> settings) {
    BeirDataset data = BeirDataset.read(dataset);
    Path workDir = work != null ? work : Path.of(System.getenv().getOrDefault("RAGKB_DATA_DIR", "./data"), "eval", data.name());
    Map<String, String> props = new LinkedHashMap<>();
    props.put("ragkb.data-dir", workDir.toString());
    props.put("ragkb.api-key", "eval-" + UUID.randomUUID());
    // stdout carries the JSON result; only errors may reach the console
    props.put("logging.threshold.console", "ERROR");
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("--set takes key=value, got " + s);
      }
      props.put(s.substring(0, eq), s.substring(eq + 1));
    }
    // As command-line arguments, which outrank application.yml (default properties would not).
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(RagkbApplication.class).web(WebApplicationType.NONE).run(args);
    long t0 = System.nanoTime();
    KnowledgeBase kb = index(context, data);
    return new BeirWorkspace(data, context, kb, (System.nanoTime() - t0) / 1e9);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  private static KnowledgeBase index(ConfigurableApplicationContext context, BeirDataset data) {
    KnowledgeBaseStore kbs = context.getBean(KnowledgeBaseStore.class);
    String name = "beir-" + data.name().replaceAll("[^A-Za-z0-9._-]", "-");
    KnowledgeBase kb = kbs.findByName(name).orElseGet(() -> {
      var created = new KnowledgeBase(UUID.randomUUID().toString(), name, "en", context.getBean(EmbeddingModel.class).name(),
          Clock.systemUTC().instant());
      kbs.create(created);
      return created;
    });
    List<Upload> uploads = data.corpus().stream()
        .map(d -> new Upload(d.id() + ".md", d.id(),
            () -> new ByteArrayInputStream(markdown(d).getBytes(StandardCharsets.UTF_8)), Acl.PUBLIC, Set.of()))
        .toList();
    String jobId = context.getBean(DocumentIngestor.class).ingest(kb, uploads).jobId();
    JobStore jobs = context.getBean(JobStore.class);
    long started = System.nanoTime();
    while (true) {
      var job = jobs.find(jobId).orElseThrow();
      System.err.printf("\rindexing %s: %d/%d documents (%d unchanged, %d failed), %.0f s", name, job.done(), job.total(),
          job.skipped(), job.failed(), (System.nanoTime() - started) / 1e9);
      if (job.status().isFinal()) {
        System.err.println();
        break;
      }
      IngestCommand.sleep(Duration.ofSeconds(2));
    }
    long indexed = context.getBean(DocumentStore.class).list(kb.id()).stream()
        .filter(d -> d.status() == DocumentStatus.INDEXED).count();
    if (indexed < data.corpus().size()) {
      System.err.printf("warning: only %d of %d documents are indexed%n", indexed, data.corpus().size());
    }
    return kb;
  }

  /** A BEIR record as Markdown: the title becomes the heading its chunks carry. */
  private static String markdown(BeirDataset.Document d) {
    return d.title().isBlank() ? d.text() : "# " + d.title() + "\n\n" + d.text();
  }

  @Override
  public void close() {
    context.close();
  }
}
