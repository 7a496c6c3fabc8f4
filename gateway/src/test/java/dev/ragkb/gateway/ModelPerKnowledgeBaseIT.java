package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.gateway.cli.Multipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One service, two knowledge bases on two models: an English one on the default bge-small-en and a
 * Chinese one that gets bge-small-zh for its language. Each answers its own language's question
 * citing the right document, and each index holds vectors of its own model's length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelPerKnowledgeBaseIT {

  private static final String KEY = "models-key";
  private static final Path dataDir = Path.of("target", "it-data", "models-" + UUID.randomUUID());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
  }

  @LocalServerPort int port;
  @Autowired KnowledgeBaseStore knowledgeBases;

  @Test
  void englishAndChineseKnowledgeBasesEachAnswerWithTheirOwnModel() throws IOException {
    RestClient client = new RestClient(port, KEY);
    JsonNode en = client.post("/v1/knowledge-bases", Map.of("name", "manuals")).body();
    JsonNode zh = client.post("/v1/knowledge-bases", Map.of("name", "hr-zh", "language", "zh-CN")).body();
    assertThat(en.path("embeddingModel").asString()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(zh.path("embeddingModel").asString()).isEqualTo("bge-small-zh-v1.5-q");

    var enUpload = client.upload("manuals", new Multipart()
        .file("router.txt", "Hold the reset button for ten seconds to restore the router's factory settings."
            .getBytes(StandardCharsets.UTF_8))
        .file("billing.txt", "Invoices are issued on the first business day of each month and are due in thirty days."
            .getBytes(StandardCharsets.UTF_8)));
    var zhUpload = client.upload("hr-zh", new Multipart()
        .file("年假制度.txt", "员工每年享有十五天带薪年假。年假须提前两周向主管申请。".getBytes(StandardCharsets.UTF_8))
        .file("报销流程.txt", "报销单据须在费用发生后三十天内提交财务部。逾期提交的单据不予报销。".getBytes(StandardCharsets.UTF_8))
        .file("路由器手册.txt", "路由器支持两个频段。恢复出厂设置时，需按住重置按钮十秒。".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.awaitJob(enUpload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");
    assertThat(client.awaitJob(zhUpload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");

    JsonNode enAnswer = client.post("/v1/knowledge-bases/manuals/ask",
        Map.of("question", "How long do I hold the reset button?")).body();
    JsonNode zhAnswer = client.post("/v1/knowledge-bases/hr-zh/ask", Map.of("question", "员工每年有几天带薪年假？")).body();

    assertThat(enAnswer.path("abstained").asBoolean()).as(enAnswer.toString()).isFalse();
    assertThat(enAnswer.path("answer").asString()).contains("ten seconds").contains("[1]");
    assertThat(enAnswer.path("citations").get(0).path("source").asString()).isEqualTo("router.txt");
    assertThat(zhAnswer.path("abstained").asBoolean()).as(zhAnswer.toString()).isFalse();
    assertThat(zhAnswer.path("answer").asString()).contains("十五天").contains("[1]");
    assertThat(zhAnswer.path("citations").get(0).path("source").asString()).isEqualTo("年假制度.txt");

    // the vectors on disk are of each model's length: bge-small-en 384, bge-small-zh 512
    assertThat(vectorDimension("manuals")).isEqualTo(384);
    assertThat(vectorDimension("hr-zh")).isEqualTo(512);
  }

  @Test
  void aModelThatIsNotServedIsABadRequestNamingTheServedOnes() {
    RestClient client = new RestClient(port, KEY);
    var created = client.post("/v1/knowledge-bases", Map.of("name", "wrong", "embeddingModel", "text-embedding-3-large"));

    assertThat(created.status()).isEqualTo(400);
    assertThat(created.body().path("type").asString()).isEqualTo("urn:ragkb:problem:invalid_request");
    assertThat(created.body().path("detail").asString()).contains("text-embedding-3-large")
        .contains("bge-small-en-v1.5-q").contains("bge-small-zh-v1.5-q");
    assertThat(client.get("/v1/knowledge-bases/wrong").status()).isEqualTo(404);
  }

  @Test
  void aModelNamedByTheCreatorWinsOverTheLanguagesModel() {
    RestClient client = new RestClient(port, KEY);
    var created = client.post("/v1/knowledge-bases",
        Map.of("name", "zh-on-en", "language", "zh", "embeddingModel", "bge-small-en-v1.5-q"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("embeddingModel").asString()).isEqualTo("bge-small-en-v1.5-q");
  }

  private int vectorDimension(String kb) throws IOException {
    String id = knowledgeBases.findByName(kb).orElseThrow().id();
    try (var dir = FSDirectory.open(dataDir.resolve("index").resolve(id)); var reader = DirectoryReader.open(dir)) {
      return FieldInfos.getMergedFieldInfos(reader).fieldInfo("vector").getVectorDimension();
    }
  }
}
