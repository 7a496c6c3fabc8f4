package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.TestSeed;
import dev.ragkb.gateway.cli.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Randomized access-control proof over real HTTP: documents with overlapping vocabulary and mixed
 * permissions, random users and groups, over a thousand searches, asks and streamed asks; no answer may carry a
 * chunk of a document its user may not read, judged by a naive oracle. A failure names its seed;
 * -Dragkb.seed replays it ({@link TestSeed}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlIT {

  private static final String KEY = "acl-test-key";
  private static final Path dataDir = Path.of("target", "it-data", "acl-" + UUID.randomUUID());
  private static final List<String> USERS = List.of("ann", "ben", "cat", "dan", "eve");
  private static final List<String> GROUPS = List.of("hr", "sales", "legal", "eng");
  private static final List<String> WORDS = List.of("salary", "contract", "budget", "review", "merger", "launch",
      "policy", "pension", "bonus", "audit", "forecast", "hiring", "pricing", "roadmap", "incident", "vendor");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ragkb.data-dir", () -> dataDir.toString());
    registry.add("ragkb.api-key", () -> KEY);
  }

  @LocalServerPort int port;

  private record Acl(Set<String> users, Set<String> groups) {
    boolean readableBy(String user, Set<String> userGroups) {
      return (users.isEmpty() && groups.isEmpty()) || users.contains(user) || groups.stream().anyMatch(userGroups::contains);
    }
  }

  private static <T> Set<T> sample(Random random, List<T> from, int max) {
    Set<T> out = new LinkedHashSet<>();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      out.add(from.get(random.nextInt(from.size())));
    }
    return out;
  }

  private static String words(Random random, int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(WORDS.get(random.nextInt(WORDS.size())));
    }
    return String.join(" ", w);
  }

  @Test
  void noQueryEverReturnsAChunkOfADocumentItsUserMayNotRead() {
    TestSeed seed = TestSeed.of("noQueryEverReturnsAChunkOfADocumentItsUserMayNotRead");
    Random random = seed.random();
    RestClient client = new RestClient(port, KEY);
    client.post("/v1/knowledge-bases", Map.of("name", "acl"));

    Map<String, Acl> aclOfDocument = new HashMap<>();
    for (int d = 0; d < 30; d++) {
      Acl acl = random.nextInt(4) == 0 ? new Acl(Set.of(), Set.of()) : new Acl(sample(random, USERS, 2), sample(random, GROUPS, 2));
      if (acl.users().isEmpty() && acl.groups().isEmpty() && random.nextBoolean()) {
        acl = new Acl(Set.of(USERS.get(random.nextInt(USERS.size()))), Set.of());
      }
      String id = "doc-" + d;
      String text = "Report " + d + ". " + words(random, 12) + ". The " + words(random, 3) + " is " + words(random, 8) + ".";
      String metadata = "{\"documentId\":\"" + id + "\",\"acl\":{\"users\":" + jsonArray(acl.users()) + ",\"groups\":"
          + jsonArray(acl.groups()) + "}}";
      var upload = client.upload("acl", new Multipart().file(id + ".txt", text.getBytes(StandardCharsets.UTF_8)).json("metadata", metadata));
      assertThat(upload.status()).as("%s", seed).isEqualTo(202);
      assertThat(client.awaitJob(upload.body().path("jobId").asString()).path("status").asString()).isEqualTo("succeeded");
      aclOfDocument.put(id, acl);
    }

    int checked = 0;
    for (int q = 0; q < 1_050; q++) {
      String user = USERS.get(random.nextInt(USERS.size()));
      Set<String> groups = sample(random, GROUPS, 2);
      Map<String, String> headers = Map.of("X-Ragkb-User", user, "X-Ragkb-Groups", String.join(",", groups));
      String query = words(random, 1 + random.nextInt(3));
      Iterable<JsonNode> returned = switch (q % 3) {
        case 0 -> {
          var r = client.post("/v1/knowledge-bases/acl/search", Map.of("query", query, "topK", 20), headers);
          assertThat(r.status()).as("%s", seed).isEqualTo(200);
          yield r.body().path("hits");
        }
        case 1 -> {
          var r = client.post("/v1/knowledge-bases/acl/ask", Map.of("question", "What about the " + query + "?"), headers);
          assertThat(r.status()).as("%s", seed).isEqualTo(200);
          yield r.body().path("citations");
        }
        default -> {
          var r = client.postForText("/v1/knowledge-bases/acl/ask",
              Map.of("question", "What about the " + query + "?", "stream", true), headers);
          assertThat(r.statusCode()).as("%s", seed).isEqualTo(200);
          var done = ServerSentEvent.parse(r.body()).stream().filter(e -> e.name().equals("done")).findFirst().orElseThrow();
          yield done.data().path("citations");
        }
      };
      for (JsonNode item : returned) {
        String doc = item.path("documentId").asString();
        assertThat(aclOfDocument.get(doc).readableBy(user, groups))
            .as("%s: %s (groups %s) got %s with %s", seed, user, groups, doc, aclOfDocument.get(doc))
            .isTrue();
        checked++;
      }
    }
    assertThat(checked).as("the queries must return something to check").isGreaterThan(1_000);
  }

  private static String jsonArray(Set<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }
}
