package dev.ragkb.parsing;

import java.util.Set;
import org.apache.tika.mime.MediaType;

/**
 * The one list of what ragkb ingests, by media type, and its description for people (error
 * messages, docs). The parser accepts exactly these ({@link TikaDocumentParser#supports}); the
 * ingestor names them when it refuses a file.
 */
public final class SupportedTypes {

  /** What a client is told is supported. */
  public static final String DESCRIPTION = "PDF, Word (DOCX, DOC), PowerPoint (PPTX, PPT), Excel (XLSX, XLS), HTML, "
      + "Markdown, plain text, RTF, OpenDocument text/spreadsheet/presentation, EPUB, CSV, e-mails (EML, Outlook MSG) "
      + "and ZIP archives of these; images (PNG, JPEG, TIFF, BMP, GIF) where OCR is installed";

  private SupportedTypes() {}

  /** Documents: what we ingest for its own text, on its own or inside a container. */
  static final Set<MediaType> DOCUMENTS = Set.of(
      MediaType.application("pdf"),
      MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
      MediaType.application("msword"),
      MediaType.application("vnd.openxmlformats-officedocument.presentationml.presentation"),
      MediaType.application("vnd.ms-powerpoint"),
      MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      MediaType.application("vnd.ms-excel"),
      MediaType.text("html"),
      MediaType.application("xhtml+xml"),
      MediaType.text("markdown"),
      MediaType.TEXT_PLAIN,
      MediaType.application("rtf"),
      MediaType.application("vnd.oasis.opendocument.text"),
      MediaType.application("vnd.oasis.opendocument.spreadsheet"),
      MediaType.application("vnd.oasis.opendocument.presentation"),
      MediaType.application("epub+zip"),
      MediaType.text("csv"));

  /** Containers: ingested for the documents they hold, recursively. */
  static final Set<MediaType> CONTAINERS = Set.of(
      MediaType.application("zip"),
      MediaType.parse("message/rfc822"),
      MediaType.application("vnd.ms-outlook"));

  /** Images, ingested only through OCR. */
  static final Set<MediaType> IMAGES = Set.of(
      MediaType.image("png"), MediaType.image("jpeg"), MediaType.image("tiff"), MediaType.image("bmp"),
      MediaType.image("gif"));
}
