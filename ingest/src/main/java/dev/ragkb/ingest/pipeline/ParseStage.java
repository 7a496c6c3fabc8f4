package dev.ragkb.ingest.pipeline;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.Stage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.ParseWarning;
import dev.ragkb.parsing.ParsedDocument;
import dev.ragkb.parsing.TikaDocumentParser;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the stored original and extracts its structured text. */
public final class ParseStage implements Stage<DocumentReceived, DocumentParsed> {

  private static final Logger log = LoggerFactory.getLogger(ParseStage.class);

  private final BlobStore blobs;
  private final TikaDocumentParser parser;

  public ParseStage(BlobStore blobs, TikaDocumentParser parser) {
    this.blobs = blobs;
    this.parser = parser;
  }

  @Override
  public DocumentParsed run(DocumentReceived input) {
    try (InputStream in = blobs.open(input.blobKey())) {
      ParsedDocument parsed = parser.parse(in, input.source());
      // degraded but handled: scanned pages not read, attachments skipped (messages name pages and files, not content)
      for (ParseWarning warning : parsed.warnings()) {
        log.warn("Document {}: {} ({})", input.documentId(), warning.message(), warning.kind());
      }
      return new DocumentParsed(input, parsed);
    } catch (IOException e) {
      throw new RetriableException("cannot read blob " + input.blobKey(), e);
    }
  }
}
