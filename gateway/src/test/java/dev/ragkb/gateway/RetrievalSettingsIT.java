package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Ranking chosen per knowledge base and per request, through the real service (BM25 and
 * bge-small-en-v1.5 over Lucene): a request outranks its knowledge base, a knowledge base's
 * setting survives a restart, and bad settings are 400s.
 */
class RetrievalSettingsIT {

  private static final String QUERY = "my phone battery drains quickly";

  /** Shares a word of the query but not its meaning: BM25 ranks it first, kNN below {@link #ADVICE}. */
  private static final String DRAINS = "Storm drains on Elm Street are cleared of leaves by the city every autumn.";

  /** Answers the query in other words, under a title without them: BM25 does not find it, kNN ranks it first. */
  private static final String ADVICE =
      "If your smartphone loses its charge fast, dim the screen and close apps that run in the background.";

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start() {
    return SpringApplication.run(RagkbApplication.class, "--server.port=0", "--ragkb.data-dir=" + dataDir);
  }

  private RestClient client(ConfigurableApplicationContext context) throws Exception {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return new RestClient(port, Files.readString(dataDir.resolve("api-key")).strip());
  }

  @Test
  void aRequestOverridesItsKnowledgeBaseWhoseSettingsSurviveARestart() throws Exception {
    try (var context = start()) {
      RestClient c = client(context);
      var created = c.post("/v1/knowledge-bases", Map.of("name", "phones", "retrieval", Map.of("vectorWeight", 0)));
      assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
      assertThat(created.body().path("retrieval").path("vectorWeight").asDouble()).isZero();
      assertThat(created.body().path("retrieval").hasNonNull("fusion")).as("not recorded: the service default").isFalse();
      assertThat(created.body().path("effectiveRetrieval").path("fusion").asString()).isEqualTo("linear-min-max");
      ingest(c);

      assertThat(top(c.post(search(), Map.of("query", QUERY)))).as("the KB's weight 0: BM25 alone").isEqualTo(DRAINS);
      assertThat(top(c.post(search(), Map.of("query", QUERY, "retrieval", Map.of("vectorWeight", 1)))))
          .as("the request's weight 1: kNN alone").isEqualTo(ADVICE);
      // that ask hands its ranking to retrieval is QueryPipelineTest's; here, that the body is accepted
      var ask = c.post("/v1/knowledge-bases/phones/ask", Map.of("question", QUERY, "retrieval", Map.of("vectorWeight", 1)));
      assertThat(ask.status()).as(ask.body().toString()).isEqualTo(200);

      var patched = c.patch("/v1/knowledge-bases/phones", Map.of("retrieval", Map.of("vectorWeight", 1, "mmrLambda", 0.9)));
      assertThat(patched.status()).as(patched.body().toString()).isEqualTo(200);
      assertThat(top(c.post(search(), Map.of("query", QUERY)))).as("the patched KB's weight 1").isEqualTo(ADVICE);
    }
    try (var context = start()) {
      RestClient c = client(context);
      JsonNode kb = c.get("/v1/knowledge-bases/phones").body();

      assertThat(kb.path("retrieval").path("vectorWeight").asDouble()).isEqualTo(1.0);
      assertThat(kb.path("retrieval").path("mmrLambda").asDouble()).isEqualTo(0.9);
      assertThat(kb.path("effectiveRetrieval").path("rrfK").asInt()).isEqualTo(60);
      assertThat(top(c.post(search(), Map.of("query", QUERY)))).isEqualTo(ADVICE);
      assertThat(top(c.post(search(), Map.of("query", QUERY, "retrieval", Map.of("vectorWeight", 0))))).isEqualTo(DRAINS);
      diversificationPushesTheCopyDown(c);
      refusesBadSettingsWith400(c);
      documentsTheSettingsInTheOpenApiDocument(c);
    }
  }

  private static void ingest(RestClient c) {
    var upload = c.upload("phones", new Multipart()
        .file("storm-drains.txt", DRAINS.getBytes(StandardCharsets.UTF_8))
        .file("storm-drains-copy.txt", DRAINS.getBytes(StandardCharsets.UTF_8))
        .file("charging-tips.txt", ADVICE.getBytes(StandardCharsets.UTF_8))
        .file("billing.txt", "Invoices are issued on the first business day of each month.".getBytes(StandardCharsets.UTF_8)));
    JsonNode job = c.awaitJob(upload.body().path("jobId").asString());
    assertThat(job.path("succeeded").asInt()).as(job.toString()).isEqualTo(4);
  }

  /** BM25 alone ranks the storm drains notice and its copy first; MMR at a low lambda puts something new second. */
  private static void diversificationPushesTheCopyDown(RestClient c) {
    var plain = c.post(search(), Map.of("query", QUERY, "topK", 3, "retrieval", Map.of("vectorWeight", 0, "mmrLambda", 1)));
    var diverse = c.post(search(), Map.of("query", QUERY, "topK", 3, "retrieval", Map.of("vectorWeight", 0, "mmrLambda", 0.2)));

    assertThat(snippets(plain).subList(0, 2)).containsExactly(DRAINS, DRAINS);
    assertThat(snippets(diverse).get(0)).isEqualTo(DRAINS);
    assertThat(snippets(diverse).get(1)).isNotEqualTo(DRAINS);
  }

  private static void documentsTheSettingsInTheOpenApiDocument(RestClient c) {
    JsonNode api = c.get("/v3/api-docs").body();

    assertThat(api.path("paths").path("/v1/knowledge-bases/{kb}").has("patch")).isTrue();
    JsonNode retrieval = api.path("components").path("schemas").path("RetrievalBody").path("properties");
    assertThat(retrieval.path("fusion").path("enum").valueStream().map(JsonNode::asString))
        .containsExactly("rrf", "linear-min-max", "linear-z-score");
    assertThat(retrieval.path("vectorWeight").path("maximum").asDouble()).isEqualTo(1.0);
    assertThat(retrieval.path("mmrLambda").path("description").asString()).contains("1 is off");
  }

  private static void refusesBadSettingsWith400(RestClient c) {
    List<RestClient.Response> bad = List.of(
        c.post(search(), Map.of("query", QUERY, "retrieval", Map.of("vectorWeight", 1.5))),
        c.post(search(), Map.of("query", QUERY, "retrieval", Map.of("fusion", "borda"))),
        c.post("/v1/knowledge-bases/phones/ask", Map.of("question", QUERY, "retrieval", Map.of("mmrLambda", -0.1))),
        c.post("/v1/knowledge-bases", Map.of("name", "bad", "retrieval", Map.of("rrfK", 0))),
        c.patch("/v1/knowledge-bases/phones", Map.of("retrieval", Map.of("fusion", "borda"))),
        c.patch("/v1/knowledge-bases/phones", Map.of()));

    for (var r : bad) {
      assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
      assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
    }
    assertThat(bad.get(0).body().path("detail").asString()).contains("retrieval.vectorWeight");
    assertThat(bad.get(1).body().path("detail").asString()).contains("borda").contains("linear-min-max");
    assertThat(bad.get(3).body().path("detail").asString()).contains("retrieval.rrfK");
    assertThat(c.get("/v1/knowledge-bases/bad").status()).isEqualTo(404);
    assertThat(c.patch("/v1/knowledge-bases/nope", Map.of("retrieval", Map.of())).status()).isEqualTo(404);
  }

  private static String search() {
    return "/v1/knowledge-bases/phones/search";
  }

  private static String top(RestClient.Response r) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return snippets(r).getFirst();
  }

  private static List<String> snippets(RestClient.Response r) {
    return r.body().path("hits").valueStream().map(h -> h.path("snippet").asString()).toList();
  }
}
