package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import dev.ragkb.ingest.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The distributed deployment in one JVM: a gateway process (roles gateway and ingest, with the
 * Kafka broker) and an embedder process (role embedder) on the same broker, metadata database and
 * blob directory, each with a data dir of its own. Until an embedder runs, a document waits in the
 * chunked topic; once one runs, it is embedded there and becomes searchable at the gateway.
 */
class EmbedderRoleIT {

  private static final String KEY = "roles-key";

  private final Path root = Path.of("target", "it-data", "roles-" + UUID.randomUUID()).toAbsolutePath();
  private final Path blobs = root.resolve("shared-blobs");
  // one in-memory database for both contexts of this JVM: what a shared PostgreSQL is to separate machines
  private final String database = "jdbc:h2:mem:roles-" + UUID.randomUUID()
      + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  /** Settings as command-line arguments: they outrank application.yml, as default properties would not. */
  private ConfigurableApplicationContext start(String name, String... properties) {
    Stream<String> common = Stream.of("server.port=0", "ragkb.api-key=" + KEY, "ragkb.data-dir=" + root.resolve(name),
        "ragkb.blob-dir=" + blobs, "spring.datasource.url=" + database, "spring.datasource.username=sa");
    return new SpringApplicationBuilder(RagkbApplication.class)
        .run(Stream.concat(common, Stream.of(properties)).map(p -> "--" + p).toArray(String[]::new));
  }

  @Test
  void aDocumentWaitsForAnEmbedderAndIsSearchableOnceOneRuns() {
    try (var gateway = start("gateway", "ragkb.roles=gateway,ingest")) {
      RestClient client = new RestClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")), KEY);
      assertThat(client.post("/v1/knowledge-bases", Map.of("name", "manuals")).status()).isEqualTo(201);
      var upload = client.upload("manuals", new Multipart().file("router.txt",
          "Hold the reset button for ten seconds to restore the router's factory settings.".getBytes(StandardCharsets.UTF_8)));
      String jobId = upload.body().path("jobId").asString();

      // parsed and chunked by the gateway's own ingest workers, then nobody embeds it: it waits, it does not fail
      Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> storedBlobEndingWith(".chunks.json"));
      JsonNode waiting = client.get("/v1/jobs/" + jobId).body();
      assertThat(waiting.path("status").asString()).as(waiting.toString()).isIn("queued", "running");
      assertThat(waiting.path("failed").asInt()).isZero();
      assertThat(storedBlobEndingWith(".embedded.json")).isFalse();

      String broker = gateway.getBean(EmbeddedKafkaBroker.class).bootstrapServers();
      try (var embedder = start("embedder", "ragkb.roles=embedder", "ragkb.kafka.bootstrap-servers=" + broker)) {
        JsonNode job = client.awaitJob(jobId);
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");

        JsonNode hits = client.post("/v1/knowledge-bases/manuals/search",
            Map.of("query", "how long to hold the reset button", "topK", 3)).body().path("hits");
        assertThat(hits.get(0).path("source").asString()).isEqualTo("router.txt");

        // the embedder serves no API of its own
        var notHere = new RestClient(Integer.parseInt(embedder.getEnvironment().getProperty("local.server.port")), KEY)
            .get("/v1/knowledge-bases");
        assertThat(notHere.status()).isEqualTo(404);
        assertThat(notHere.body().path("detail").asString()).contains("[embedder]").contains("gateway role");
      }
    }
  }

  private boolean storedBlobEndingWith(String suffix) {
    if (!Files.isDirectory(blobs)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
