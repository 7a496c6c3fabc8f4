package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.TikaDocumentParser;
import java.io.IOException;
import java.io.InputStream;

/** Reads the stored original and extracts its structured text. */
public final class ParseStage implements Stage<DocumentReceived, DocumentParsed> {

  private final BlobStore blobs;
  private final TikaDocumentParser parser;

  public ParseStage(BlobStore blobs, TikaDocumentParser parser) {
    this.blobs = blobs;
    this.parser = parser;
  }

  @Override
  public DocumentParsed run(DocumentReceived input) {
    try (InputStream in = blobs.open(input.blobKey())) {
      return new DocumentParsed(input, parser.parse(in, input.source()));
    } catch (IOException e) {
      throw new RetriableException("cannot read blob " + input.blobKey(), e);
    }
  }
}
