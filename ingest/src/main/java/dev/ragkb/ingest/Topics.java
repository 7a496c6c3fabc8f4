package dev.ragkb.ingest;

import java.util.List;

/**
 * Names of the ingestion topics and consumer groups. They are public API, like property names: a
 * rename strands the messages and committed offsets of every running deployment.
 *
 * <p>Each topic carries one record type with a {@code schemaVersion}, keyed by document id so that
 * one document's messages stay in order.
 */
public final class Topics {

  /** Uploaded documents to parse. */
  public static final String REQUESTS = "ragkb.ingest.requests";

  /** Parsed documents (by reference) to chunk. */
  public static final String PARSED = "ragkb.ingest.parsed";

  /** Chunked documents (by reference) to embed. */
  public static final String CHUNKED = "ragkb.ingest.chunked";

  /** Embedded documents (by reference) to index. */
  public static final String EMBEDDED = "ragkb.ingest.embedded";

  /** Documents that failed permanently or ran out of retries, with their error. */
  public static final String DEAD_LETTERS = "ragkb.ingest.dead-letters";

  /** Every topic, created at start-up when missing. */
  public static final List<String> ALL = List.of(REQUESTS, PARSED, CHUNKED, EMBEDDED, DEAD_LETTERS);

  public static final String PARSE_GROUP = "ragkb.ingest.parse";
  public static final String CHUNK_GROUP = "ragkb.ingest.chunk";
  public static final String EMBED_GROUP = "ragkb.ingest.embed";
  public static final String INDEX_GROUP = "ragkb.ingest.index";

  /** Remembers how far {@code rag dlq replay} has re-driven the dead-letter topic. */
  public static final String REPLAY_GROUP = "ragkb.ingest.dead-letter-replay";

  private Topics() {}
}
