package dev.ragkb.indexing.contract;

import dev.ragkb.indexing.elasticsearch.ElasticsearchIndex;
import dev.ragkb.indexing.milvus.MilvusIndex;
import java.net.URI;
import java.time.Duration;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.milvus.MilvusContainer;

/**
 * The servers that only Docker can run here, one definition each for every test that needs them.
 * Versions are pinned: Milvus to the 2.6 line the SDK (2.6.x) is released with, Elasticsearch to the
 * 8.19 line the client (8.19) speaks natively, with every module (English stemming, {@code cjk}).
 */
public final class Containers {

  private Containers() {}

  /** Milvus standalone, with its embedded etcd and local storage. */
  public static MilvusContainer milvus() {
    return new MilvusContainer("milvusdb/milvus:v2.6.11");
  }

  public static ElasticsearchContainer elasticsearch() {
    return new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:8.19.21")
        .withEnv("xpack.security.enabled", "false")
        .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
  }

  public static ElasticsearchIndex.Settings settings(ElasticsearchContainer elasticsearch) {
    return ElasticsearchIndex.Settings.of(URI.create("http://" + elasticsearch.getHttpHostAddress())).withReplicas(0);
  }

  public static MilvusIndex.Settings settings(MilvusContainer milvus, MilvusIndex.Encoding encoding) {
    return new MilvusIndex.Settings(milvus.getEndpoint(), null, "default", "ragkb_it_", encoding, 16, 200, 64,
        Duration.ofSeconds(30));
  }
}
