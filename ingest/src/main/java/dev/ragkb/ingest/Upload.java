package dev.ragkb.ingest;

import dev.ragkb.core.Acl;
import dev.ragkb.core.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One file handed to ingestion.
 *
 * @param source the original file name or path; shown in citations
 * @param documentId the client's id for the document; null to derive it from knowledge base and source
 * @param content reopens the bytes (read once to hash and detect, once to store)
 * @param acl who may read it
 * @param tags labels for filtering
 */
public record Upload(String source, @Nullable String documentId, Content content, Acl acl, Set<String> tags) {

  /** Client ids become storage path segments, so they keep to a safe alphabet. */
  public static final String DOCUMENT_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}";

  public Upload {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(acl, "acl");
    tags = Set.copyOf(tags);
    if (source == null || source.isBlank()) {
      throw new InvalidRequestException("every file needs a name");
    }
    if (documentId != null && !documentId.matches(DOCUMENT_ID_PATTERN)) {
      throw new InvalidRequestException("document id must match " + DOCUMENT_ID_PATTERN);
    }
  }

  /** Opens the uploaded bytes; callable more than once. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }
}
