package dev.ragkb.indexing.elasticsearch;

import dev.ragkb.core.ChunkIndex;
import dev.ragkb.core.TextIndex;
import dev.ragkb.core.VectorIndex;
import dev.ragkb.indexing.contract.ChunkIndexContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The index contract against a real Elasticsearch node (9.5, from Maven jars, talked to by the 8.19
 * client), one node for the class. The node lacks the analysis-common module, so English text gets
 * the server's {@code stop} analyzer (stop words, no stemming).
 */
class ElasticsearchIndexIT extends ChunkIndexContract {

  private static ElasticsearchNode node;
  private ElasticsearchIndex index;

  @BeforeAll
  static void startNode() throws Exception {
    node = ElasticsearchNode.start();
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void connect() {
    var settings = ElasticsearchIndex.Settings.of(node.url()).withReplicas(0).withAnalyzers(Map.of("en", "stop"));
    index = ElasticsearchIndex.connect(settings, kb -> "en");
  }

  @AfterEach
  void disconnect() throws Exception {
    index.close();
  }

  @Override
  @Disabled("no stemming without analysis-common, which Maven Central does not publish; ElasticsearchContainerIT covers it")
  @Test
  protected void findsChunksByStemmedWords() {}

  @Override
  protected ChunkIndex writer() {
    return index;
  }

  @Override
  protected TextIndex text() {
    return index;
  }

  @Override
  protected VectorIndex vectors() {
    return index;
  }
}
