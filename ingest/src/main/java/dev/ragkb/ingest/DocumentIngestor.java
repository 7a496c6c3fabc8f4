package dev.ragkb.ingest;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStatus;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.UnsupportedDocumentTypeException;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.ingest.pipeline.IngestionTransport;
import dev.ragkb.parsing.SupportedTypes;
import dev.ragkb.parsing.TikaDocumentParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts files as a job: stores each original, skips content already indexed, and hands the rest
 * to the transport. Files of unsupported types fail alone; the job goes on with the others.
 */
public final class DocumentIngestor {

  private static final Logger log = LoggerFactory.getLogger(DocumentIngestor.class);
  private static final int DETECTION_BYTES = 64 * 1024;

  /** What a submission created. */
  public record Receipt(String jobId, List<String> documentIds) {
    public Receipt {
      documentIds = List.copyOf(documentIds);
    }
  }

  private final TikaDocumentParser parser;
  private final BlobStore blobs;
  private final DocumentStore documents;
  private final JobStore jobs;
  private final IngestionTransport transport;
  private final Clock clock;
  private final Supplier<String> ids;

  public DocumentIngestor(
      TikaDocumentParser parser,
      BlobStore blobs,
      DocumentStore documents,
      JobStore jobs,
      IngestionTransport transport,
      Clock clock,
      Supplier<String> ids) {
    this.parser = parser;
    this.blobs = blobs;
    this.documents = documents;
    this.jobs = jobs;
    this.transport = transport;
    this.clock = clock;
    this.ids = ids;
  }

  /** The id a document gets when the client names none: stable for the same knowledge base and source. */
  public static String derivedDocumentId(String kbId, String source) {
    return UUID.nameUUIDFromBytes((kbId + "\n" + source).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * Starts a job for {@code uploads}.
   *
   * @throws UnsupportedDocumentTypeException when no file is of a supported type (nothing is created)
   */
  public Receipt ingest(KnowledgeBase kb, List<Upload> uploads) {
    List<String> mediaTypes = uploads.stream().map(this::detect).toList();
    if (mediaTypes.stream().noneMatch(parser::supports)) {
      throw new UnsupportedDocumentTypeException(
          "unsupported file type: " + describe(uploads, mediaTypes) + "; supported: " + SupportedTypes.DESCRIPTION);
    }
    rejectDuplicateIds(kb, uploads);
    Instant now = clock.instant();
    String jobId = ids.get();
    jobs.create(new Job(jobId, kb.id(), JobStatus.QUEUED, uploads.size(), 0, 0, 0, List.of(), now, now));
    List<String> documentIds = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      Upload u = uploads.get(i);
      String documentId = documentIdOf(kb, u);
      documentIds.add(documentId);
      if (!parser.supports(mediaTypes.get(i))) {
        jobs.recordOutcome(jobId, documentId, JobStore.Outcome.FAILED, new Job.DocumentError(documentId, u.source(),
            "unsupported_media_type", "unsupported file type " + mediaTypes.get(i)));
        continue;
      }
      accept(kb, jobId, documentId, u, now);
    }
    log.info("job={} kb={} accepted {} files", jobId, kb.name(), uploads.size());
    return new Receipt(jobId, documentIds);
  }

  private static String documentIdOf(KnowledgeBase kb, Upload u) {
    return u.documentId() != null ? u.documentId() : derivedDocumentId(kb.id(), u.source());
  }

  /** A job counts each document once, so one request may not name a document twice. */
  private static void rejectDuplicateIds(KnowledgeBase kb, List<Upload> uploads) {
    Set<String> seen = new HashSet<>();
    for (Upload u : uploads) {
      if (!seen.add(documentIdOf(kb, u))) {
        throw new InvalidRequestException("document " + documentIdOf(kb, u) + " (" + u.source() + ") is named twice in one request");
      }
    }
  }

  private void accept(KnowledgeBase kb, String jobId, String documentId, Upload u, Instant now) {
    String hash = sha256(u.content());
    Optional<Document> existing = documents.find(kb.id(), documentId);
    if (existing.isPresent() && existing.get().contentHash().equals(hash) && existing.get().status() == DocumentStatus.INDEXED) {
      jobs.recordOutcome(jobId, documentId, JobStore.Outcome.SKIPPED, null);
      return;
    }
    String blobKey = BlobKeys.original(kb.id(), documentId, hash);
    try (InputStream in = u.content().open()) {
      blobs.put(blobKey, in);
    } catch (IOException e) {
      throw new RetriableException("cannot read upload " + u.source(), e);
    }
    int previousChunks = existing.map(Document::chunkCount).orElse(0);
    String title = existing.map(Document::title).orElse(u.source());
    documents.save(new Document(documentId, kb.id(), u.source(), title, hash, DocumentStatus.QUEUED, null, previousChunks,
        u.acl(), u.tags(), jobId, now));
    existing.ifPresent(old -> supersede(old, hash));
    transport.submit(new DocumentReceived(jobId, kb.id(), documentId, u.source(), blobKey, hash, u.acl(), u.tags()));
  }

  /**
   * The saved record now names the new version, so the pipeline drops whatever of {@code old} is
   * still in flight; its job hears that it was skipped, and its blobs go.
   */
  private void supersede(Document old, String newHash) {
    if (old.status().inFlight()) {
      jobs.recordOutcome(old.jobId(), old.id(), JobStore.Outcome.SKIPPED, null);
    }
    if (!old.contentHash().equals(newHash)) {
      String oldKey = BlobKeys.original(old.kbId(), old.id(), old.contentHash());
      blobs.delete(oldKey);
      BlobKeys.derived(oldKey).forEach(blobs::delete);
    }
  }

  /**
   * Makes a dead-lettered document pending again, for a replay.
   *
   * @return false when the dead letter is out of date (the document was deleted, replaced or replayed
   *     since): then nothing changes and it must not be submitted
   */
  public boolean requeue(DocumentReceived deadLetter) {
    Optional<Document> current = documents.find(deadLetter.kbId(), deadLetter.documentId())
        .filter(d -> d.status() == DocumentStatus.FAILED && d.contentHash().equals(deadLetter.contentHash())
            && d.jobId().equals(deadLetter.jobId()));
    current.ifPresent(d -> documents.save(d.withStatus(DocumentStatus.QUEUED, null, d.chunkCount(), clock.instant())));
    return current.isPresent();
  }

  /** Submits again every document a previous run left unfinished. */
  public int resumePending() {
    List<Document> pending = documents.pending();
    for (Document d : pending) {
      transport.submit(new DocumentReceived(d.jobId(), d.kbId(), d.id(), d.source(), BlobKeys.original(d.kbId(), d.id(), d.contentHash()),
          d.contentHash(), d.acl(), d.tags()));
    }
    if (!pending.isEmpty()) {
      log.info("resumed {} unfinished documents", pending.size());
    }
    return pending.size();
  }

  private String detect(Upload u) {
    try (InputStream in = u.content().open()) {
      return parser.detect(in.readNBytes(DETECTION_BYTES), u.source());
    } catch (IOException e) {
      throw new RetriableException("cannot read upload " + u.source(), e);
    }
  }

  private static String describe(List<Upload> uploads, List<String> mediaTypes) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      parts.add(uploads.get(i).source() + " (" + mediaTypes.get(i) + ")");
    }
    return String.join(", ", parts);
  }

  private static String sha256(Upload.Content content) {
    try (InputStream in = new DigestInputStream(content.open(), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new RetriableException("cannot read upload", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
