package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A service serving bge-small-zh-v1.5: a Chinese knowledge base answers a Chinese question and cites the right document. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChineseKnowledgeBaseIT {

  private static final String KEY = "zh-key";
  private static final Path dataDir = Path.of("target", "it-data", "zh-" + UUID.randomUUID());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
    registry.add("ragkb.embedding.model", () -> "bge-small-zh-v1.5-q");
  }

  @LocalServerPort int port;

  @Test
  void answersAChineseQuestionCitingTheDocumentThatHoldsTheFact() {
    RestClient client = new RestClient(port, KEY);
    assertThat(client.post("/v1/knowledge-bases", Map.of("name", "hr-zh", "language", "zh")).status()).isEqualTo(201);
    var upload = client.upload("hr-zh", new Multipart()
        .file("年假制度.txt", "员工每年享有十五天带薪年假。年假须提前两周向主管申请。".getBytes(StandardCharsets.UTF_8))
        .file("报销流程.txt", "报销单据须在费用发生后三十天内提交财务部。逾期提交的单据不予报销。".getBytes(StandardCharsets.UTF_8))
        .file("路由器手册.txt", "路由器支持两个频段。恢复出厂设置时，需按住重置按钮十秒。".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.awaitJob(upload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");

    JsonNode a = client.post("/v1/knowledge-bases/hr-zh/ask", Map.of("question", "员工每年有几天带薪年假？")).body();

    assertThat(a.path("abstained").asBoolean()).as(a.toString()).isFalse();
    assertThat(a.path("answer").asString()).contains("十五天").contains("[1]");
    assertThat(a.path("citations").get(0).path("source").asString()).isEqualTo("年假制度.txt");
  }
}
