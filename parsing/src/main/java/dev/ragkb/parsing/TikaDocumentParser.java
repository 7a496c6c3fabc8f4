package dev.ragkb.parsing;

import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.core.UnsupportedDocumentTypeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Parses uploaded files into a {@link ParsedDocument} with Apache Tika: detects the type from magic bytes and the
 * file name, rejects types we do not ingest, and turns Tika's XHTML into blocks under their headings (with PDF
 * pages). Plain text and Markdown, which Tika passes through as one paragraph, are split here.
 *
 * <p>Embedded documents (attachments, images inside a DOCX, files inside a PDF) are not parsed: only the
 * container's own text is extracted. Thread-safe: one instance serves all callers.
 */
public final class TikaDocumentParser {

  private static final Logger log = LoggerFactory.getLogger(TikaDocumentParser.class);

  private static final MediaType PDF = MediaType.application("pdf");
  /** What Tika detects for a password-protected DOCX/XLSX/PPTX (an OLE2 wrapper around the encrypted package). */
  private static final MediaType PROTECTED_OOXML = MediaType.application("x-tika-ooxml-protected");
  private static final Map<MediaType, TextBlockReader.Syntax> SPLIT_HERE = Map.of(
      MediaType.TEXT_PLAIN, TextBlockReader.Syntax.PLAIN,
      MediaType.text("markdown"), TextBlockReader.Syntax.MARKDOWN);
  private static final Set<MediaType> SUPPORTED = Set.of(
      PDF,
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
  /**
   * Zip-based formats (DOCX, XLSX, EPUB) yield a few characters of text per stored byte; past this ratio the file
   * is more likely a decompression bomb than a document.
   */
  private static final int MAX_CHARS_PER_BYTE = 4;
  /** A UTF-16 StringBuilder cannot hold more characters than this. */
  private static final int MAX_TEXT_CHARS = Integer.MAX_VALUE / 2 - 8;

  private final long maxBytes;
  private final int maxChars;
  private final AutoDetectParser parser;
  private final MediaTypeRegistry registry;

  /**
   * @param maxBytes the largest file accepted; the extracted text is capped at {@value #MAX_CHARS_PER_BYTE} times
   *     as many characters
   */
  public TikaDocumentParser(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.maxChars = (int) Math.min(MAX_TEXT_CHARS, Math.min(maxBytes, MAX_TEXT_CHARS) * MAX_CHARS_PER_BYTE);
    TikaConfig config = TikaConfig.getDefaultConfig();
    this.parser = new AutoDetectParser(config);
    this.registry = config.getMediaTypeRegistry();
  }

  /**
   * Extracts the text and structure of one file. Reads {@code content} to the end (or until it fails) and does
   * not close it.
   *
   * @param fileName the original name, used for detection and as the fallback title
   * @throws UnsupportedDocumentTypeException when the type is not one {@link #supports} accepts (images,
   *     executables, archives, unknown binary)
   * @throws UnparseableDocumentException when the file is empty, corrupt, encrypted (the message says
   *     "encrypted"), larger than the limit, or holds no text
   */
  public ParsedDocument parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    CappedInputStream capped = new CappedInputStream(content, maxBytes);
    try (TikaInputStream stream = TikaInputStream.get(capped)) {
      requireContent(stream, fileName);
      Metadata metadata = metadataFor(fileName);
      MediaType type = registry.normalize(parser.getDetector().detect(stream, metadata)).getBaseType();
      if (type.equals(PROTECTED_OOXML)) {
        throw new UnparseableDocumentException("document is encrypted: " + fileName);
      }
      if (!SUPPORTED.contains(type)) {
        throw new UnsupportedDocumentTypeException("cannot ingest " + type + " documents: " + fileName);
      }
      TextBlockReader.Syntax syntax = SPLIT_HERE.get(type);
      ParsedDocument document = syntax != null
          ? splitText(stream, metadata, syntax, type, fileName)
          : parseXhtml(stream, metadata, type, fileName);
      if (capped.exceeded()) {
        throw tooLarge(fileName, null);
      }
      log.debug("Parsed {} as {}: {} blocks, {} chars", fileName, type, document.blocks().size(),
          document.text().length());
      return document;
    } catch (EncryptedDocumentException e) {
      throw new UnparseableDocumentException("document is encrypted: " + fileName, e);
    } catch (TikaException | SAXException | IOException e) {
      if (capped.exceeded()) {
        throw tooLarge(fileName, e);
      }
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        throw new UnparseableDocumentException(
            "extracted text exceeds the limit of " + maxChars + " characters: " + fileName, e);
      }
      throw new UnparseableDocumentException("corrupt or unreadable document " + fileName + ": " + rootMessage(e), e);
    }
  }

  /**
   * Whether files of {@code mediaType} can be ingested: PDF, Word (DOCX, DOC), PowerPoint (PPTX, PPT), Excel
   * (XLSX, XLS), HTML, Markdown, plain text, RTF, OpenDocument text/spreadsheet/presentation, EPUB and CSV.
   * Parameters ({@code ; charset=...}) and aliases ({@code text/x-web-markdown}) are accepted; a malformed type
   * is not.
   */
  public boolean supports(String mediaType) {
    MediaType type = MediaType.parse(mediaType);
    return type != null && SUPPORTED.contains(registry.normalize(type.getBaseType()));
  }

  /**
   * Detects the media type of a file from its first bytes and its name, as {@link #parse} does.
   *
   * @param head the file's first bytes (a few KiB are enough; magic numbers sit at the start)
   * @return the type without parameters, e.g. {@code application/pdf}; {@code application/octet-stream} when
   *     nothing matches
   */
  public String detect(byte[] head, String fileName) {
    try (TikaInputStream stream = TikaInputStream.get(head)) {
      return registry.normalize(parser.getDetector().detect(stream, metadataFor(fileName))).getBaseType().toString();
    } catch (IOException e) {
      // reading a byte array does not fail; this only satisfies the Detector signature
      throw new UncheckedIOException(e);
    }
  }

  private ParsedDocument parseXhtml(TikaInputStream stream, Metadata metadata, MediaType type, String fileName)
      throws IOException, SAXException, TikaException {
    BlockAssembler assembler = new BlockAssembler();
    XhtmlBlockHandler.Pagination pagination =
        type.equals(PDF) ? XhtmlBlockHandler.Pagination.PAGE_DIVS : XhtmlBlockHandler.Pagination.NONE;
    parser.parse(stream, new XhtmlBlockHandler(assembler, pagination, maxChars), metadata, new ParseContext());
    String title = BlockAssembler.normalize(Objects.requireNonNullElse(metadata.get(TikaCoreProperties.TITLE), ""));
    return assembler.toDocument(title.isEmpty() ? baseName(fileName) : title, type.toString());
  }

  private ParsedDocument splitText(
      TikaInputStream stream, Metadata metadata, TextBlockReader.Syntax syntax, MediaType type, String fileName)
      throws IOException, TikaException {
    BlockAssembler assembler = new BlockAssembler();
    new TextBlockReader(syntax, assembler).read(decode(stream.readAllBytes(), metadata));
    String h1 = assembler.firstH1();
    return assembler.toDocument(h1 != null ? h1 : baseName(fileName), type.toString());
  }

  /**
   * Decodes text as UTF-8 when it is valid UTF-8 (by far the most common case, and one that statistical charset
   * detection gets wrong on short ASCII-heavy files), else lets Tika guess the charset.
   */
  private static String decode(byte[] bytes, Metadata metadata) throws IOException, TikaException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      StringWriter out = new StringWriter();
      try (AutoDetectReader reader = new AutoDetectReader(new ByteArrayInputStream(bytes), metadata)) {
        reader.transferTo(out);
      }
      text = out.toString();
    }
    // a byte-order mark would hide a heading on the first line
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static void requireContent(TikaInputStream stream, String fileName) throws IOException {
    stream.mark(1);
    int first = stream.read();
    stream.reset();
    if (first < 0) {
      throw new UnparseableDocumentException("document is empty: " + fileName);
    }
  }

  private UnparseableDocumentException tooLarge(String fileName, @Nullable Exception cause) {
    String message = "document exceeds the limit of " + maxBytes + " bytes: " + fileName;
    return cause == null ? new UnparseableDocumentException(message) : new UnparseableDocumentException(message, cause);
  }

  private static Metadata metadataFor(String fileName) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    return metadata;
  }

  /** The file name without directories and extension; "untitled" when nothing is left. */
  static String baseName(String fileName) {
    String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    int dot = name.lastIndexOf('.');
    String base = (dot > 0 ? name.substring(0, dot) : name).strip();
    return base.isEmpty() ? "untitled" : base;
  }

  /** Tika wraps parser failures ("TIKA-198: Illegal IOException from ..."); the root cause says what is wrong. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
  }
}
