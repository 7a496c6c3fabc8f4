package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Everything lives under the data dir: stop the service, start it again, and it answers the same. */
class RestartIT {

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start() {
    // no api-key property: the service generates one on first start and reads it back after
    return SpringApplication.run(RagkbApplication.class, "--server.port=0", "--ragkb.data-dir=" + dataDir);
  }

  private RestClient client(ConfigurableApplicationContext context) throws Exception {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return new RestClient(port, Files.readString(dataDir.resolve("api-key")).strip());
  }

  @Test
  void answersTheSameAfterARestart() throws Exception {
    var question = Map.of("question", "How long must I hold the reset button on the Zephyr-9?");
    JsonNode before;
    try (var context = start()) {
      RestClient c = client(context);
      c.post("/v1/knowledge-bases", Map.of("name", "demo"));
      var upload = c.upload("demo", new Multipart().file("zephyr-router.md", DocumentFixtures.routerMarkdown()));
      c.awaitJob(upload.body().path("jobId").asString());
      before = c.post("/v1/knowledge-bases/demo/ask", question).body();
    }
    try (var context = start()) {
      JsonNode after = client(context).post("/v1/knowledge-bases/demo/ask", question).body();

      assertThat(before.path("answer").asString()).contains("17 seconds");
      assertThat(after).isEqualTo(before);
    }
  }
}
