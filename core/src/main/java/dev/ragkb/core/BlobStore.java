package dev.ragkb.core;

import java.io.InputStream;

/** Stores uploaded originals, addressed by key, so ingestion can run (and re-run) after the upload returns. */
public interface BlobStore {

  /** Stores {@code content} under {@code key}, replacing what was there; durable when it returns. */
  void put(String key, InputStream content);

  /**
   * Opens a stored blob; the caller closes the stream.
   *
   * @throws NotFoundException when nothing is stored under {@code key}
   */
  InputStream open(String key);

  /** Removes a blob; a no-op when absent. */
  void delete(String key);

  /** Removes every blob whose key starts with {@code prefix + "/"}; a no-op when there is none. */
  void deleteAll(String prefix);
}
