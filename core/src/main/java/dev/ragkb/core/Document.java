package dev.ragkb.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A source document of a knowledge base, as the metadata store records it.
 *
 * @param id stable id: given by the client or derived from knowledge base and source
 * @param kbId the knowledge base it belongs to
 * @param source the original file name or path given at ingestion
 * @param title the title from the document's metadata, else its file name
 * @param contentHash SHA-256 of the content; unchanged content is not ingested again
 * @param status where ingestion stands
 * @param error why ingestion failed; null unless {@code status} is FAILED
 * @param chunkCount how many chunks are indexed
 * @param acl who may read it
 * @param tags labels for filtering
 * @param jobId the job that last submitted it
 * @param updatedAt last change
 */
public record Document(
    String id,
    String kbId,
    String source,
    String title,
    String contentHash,
    DocumentStatus status,
    @Nullable String error,
    int chunkCount,
    Acl acl,
    Set<String> tags,
    String jobId,
    Instant updatedAt) {

  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kbId, "kbId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(acl, "acl");
    Objects.requireNonNull(jobId, "jobId");
    tags = Set.copyOf(tags);
  }

  public Document withStatus(DocumentStatus newStatus, @Nullable String newError, int newChunkCount, Instant at) {
    return new Document(id, kbId, source, title, contentHash, newStatus, newError, newChunkCount, acl, tags, jobId, at);
  }

  /** This document as version {@code hash} submitted by job {@code job}: what a conditional save expects to find. */
  public Document withVersion(String hash, String job) {
    return new Document(id, kbId, source, title, hash, status, error, chunkCount, acl, tags, job, updatedAt);
  }

  public Document withTitle(String newTitle) {
    return new Document(id, kbId, source, newTitle, contentHash, status, error, chunkCount, acl, tags, jobId, updatedAt);
  }
}
