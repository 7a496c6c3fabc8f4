package dev.ragkb.ingest;

import java.util.List;

/**
 * Where a document's blobs live. Everything of one document sits under {@link #documentPrefix}, so
 * deleting the document deletes them all; the stage outputs of a version sit beside its original.
 */
public final class BlobKeys {

  private BlobKeys() {}

  public static String documentPrefix(String kbId, String documentId) {
    return kbId + "/" + documentId;
  }

  /** The uploaded original of one version (content hash) of a document. */
  public static String original(String kbId, String documentId, String contentHash) {
    return documentPrefix(kbId, documentId) + "/" + contentHash;
  }

  public static String parsed(String originalKey) {
    return originalKey + ".parsed.json";
  }

  public static String chunked(String originalKey) {
    return originalKey + ".chunks.json";
  }

  public static String embedded(String originalKey) {
    return originalKey + ".embedded.json";
  }

  /** The stage outputs of one version: needed only until the version is indexed. */
  public static List<String> derived(String originalKey) {
    return List.of(parsed(originalKey), chunked(originalKey), embedded(originalKey));
  }
}
