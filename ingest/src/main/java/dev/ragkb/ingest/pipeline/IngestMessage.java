package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.parsing.ParsedDocument;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The messages that flow between ingestion stages, one type per hop, each carrying the request it
 * descends from. A transport carries them keyed by document id, so one document's messages stay in
 * order.
 */
public sealed interface IngestMessage {

  /** Bumped when a record's shape changes, so a transport can refuse messages it cannot read. */
  int SCHEMA_VERSION = 1;

  DocumentReceived received();

  /** An uploaded document, stored as a blob, waiting to be parsed. */
  record DocumentReceived(
      String jobId,
      String kbId,
      String documentId,
      String source,
      String blobKey,
      String contentHash,
      Acl acl,
      Set<String> tags) implements IngestMessage {
    public DocumentReceived {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(kbId, "kbId");
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(blobKey, "blobKey");
      Objects.requireNonNull(contentHash, "contentHash");
      Objects.requireNonNull(acl, "acl");
      tags = Set.copyOf(tags);
    }

    @Override
    public DocumentReceived received() {
      return this;
    }
  }

  /** The document's structured text. */
  record DocumentParsed(DocumentReceived received, ParsedDocument parsed) implements IngestMessage {}

  /** The document cut into chunks with their stable ids. */
  record DocumentChunked(DocumentReceived received, String title, List<Chunk> chunks) implements IngestMessage {
    public DocumentChunked {
      chunks = List.copyOf(chunks);
    }
  }

  /** The chunks with their vectors. */
  record DocumentEmbedded(DocumentReceived received, String title, List<EmbeddedChunk> chunks) implements IngestMessage {
    public DocumentEmbedded {
      chunks = List.copyOf(chunks);
    }
  }

  /** The document's chunks replaced in the index. */
  record DocumentIndexed(DocumentReceived received, String title, int chunkCount) implements IngestMessage {}
}
