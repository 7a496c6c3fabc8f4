package dev.ragkb.ingest.kafka;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.RetriableException;
import dev.ragkb.ingest.BlobKeys;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentChunked;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentEmbedded;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.ParsedDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage outputs kept in the blob store beside the original, so that topic messages carry only a
 * reference. Writing the same output again replaces it with equal bytes: idempotent.
 */
final class StagePayloads {

  record Chunked(String title, List<Chunk> chunks) {}

  record Embedded(String title, List<Chunk> chunks, List<float[]> vectors) {}

  private final BlobStore blobs;
  private final JsonCodec codec;

  StagePayloads(BlobStore blobs, JsonCodec codec) {
    this.blobs = blobs;
    this.codec = codec;
  }

  String putParsed(DocumentReceived d, ParsedDocument parsed) {
    return put(BlobKeys.parsed(d.blobKey()), parsed);
  }

  ParsedDocument parsed(String key) {
    return read(key, ParsedDocument.class);
  }

  String putChunked(DocumentChunked c) {
    return put(BlobKeys.chunked(c.received().blobKey()), new Chunked(c.title(), c.chunks()));
  }

  DocumentChunked chunked(DocumentReceived d, String key) {
    Chunked c = read(key, Chunked.class);
    return new DocumentChunked(d, c.title(), c.chunks());
  }

  String putEmbedded(DocumentEmbedded e) {
    List<Chunk> chunks = new ArrayList<>(e.chunks().size());
    List<float[]> vectors = new ArrayList<>(e.chunks().size());
    for (EmbeddedChunk c : e.chunks()) {
      chunks.add(c.chunk());
      vectors.add(c.vector());
    }
    return put(BlobKeys.embedded(e.received().blobKey()), new Embedded(e.title(), chunks, vectors));
  }

  DocumentEmbedded embedded(DocumentReceived d, String key) {
    Embedded e = read(key, Embedded.class);
    List<EmbeddedChunk> chunks = new ArrayList<>(e.chunks().size());
    for (int i = 0; i < e.chunks().size(); i++) {
      chunks.add(new EmbeddedChunk(e.chunks().get(i), e.vectors().get(i)));
    }
    return new DocumentEmbedded(d, e.title(), chunks);
  }

  /** Drops the outputs of a version once it is indexed; the original stays for re-processing. */
  void deleteDerived(DocumentReceived d) {
    BlobKeys.derived(d.blobKey()).forEach(blobs::delete);
  }

  private String put(String key, Object value) {
    blobs.put(key, new ByteArrayInputStream(codec.write(value)));
    return key;
  }

  private <T> T read(String key, Class<T> type) {
    try (InputStream in = blobs.open(key)) {
      return codec.read(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new RetriableException("cannot read blob " + key, e);
    }
  }
}
