package dev.ragkb.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * The values of {@code ragkb.index.backend} ({@code RAGKB_INDEX_BACKEND}): where text is searched and
 * where vectors are. The only reader of that property; an unknown value stops the service from
 * starting, since it would otherwise start with no index at all.
 */
enum IndexBackend {

  /** Text and vectors in Lucene under the data dir (the default). */
  LUCENE("lucene"),
  /** Text and vectors in Elasticsearch. */
  ELASTICSEARCH("elasticsearch"),
  /** Text in Lucene, vectors in Milvus. */
  LUCENE_MILVUS("lucene+milvus"),
  /** Text in Elasticsearch, vectors in Milvus. */
  ELASTICSEARCH_MILVUS("elasticsearch+milvus");

  static final String PROPERTY = "ragkb.index.backend";

  private final String value;

  IndexBackend(String value) {
    this.value = value;
  }

  /** Whether Milvus holds the vectors, so that the text store keeps none of its own. */
  boolean vectorsInMilvus() {
    return this == LUCENE_MILVUS || this == ELASTICSEARCH_MILVUS;
  }

  static IndexBackend of(Environment environment) {
    return of(environment.getProperty(PROPERTY, LUCENE.value));
  }

  static IndexBackend of(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(b -> b.value.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(PROPERTY + " (RAGKB_INDEX_BACKEND) is '" + value
            + "'; it must be one of: " + Arrays.stream(values()).map(b -> b.value).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return value;
  }
}
