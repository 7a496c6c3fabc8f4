package dev.ragkb.parsing;

import dev.ragkb.core.RagkbException;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.core.UnparseableDocumentException.Reason;
import dev.ragkb.core.UnsupportedDocumentTypeException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Parses uploaded files into a {@link ParsedDocument} with Apache Tika: detects the type from magic bytes and the
 * file name, rejects types we do not ingest, and turns Tika's XHTML into blocks under their headings (with PDF
 * pages and presentation slides). Plain text and Markdown, which Tika passes through as one paragraph, are split
 * here. Attachments of e-mails and the entries of ZIP archives are parsed recursively, within limits. Scanned pages
 * are read with Tesseract when it is installed and OCR is enabled; otherwise the document carries a warning.
 *
 * <p>Hostile input ends in a typed, per-document {@link UnparseableDocumentException} (see its
 * {@link UnparseableDocumentException#reason() reason}) or {@link UnsupportedDocumentTypeException}, never in an
 * exhausted heap or a stuck caller: input is read through a byte cap, text through a character cap, and each parse
 * runs on a thread of the given executor while the caller waits at most {@link Settings#timeout()}. On timeout the
 * parse is aborted and its thread interrupted; it stops at its next read or SAX event. A parser that spins without
 * either keeps its thread until it finishes, which is why the executor should start a thread per task rather than
 * lend one from a small pool. Thread-safe: one instance serves all callers.
 */
public final class TikaDocumentParser {

  private static final Logger log = LoggerFactory.getLogger(TikaDocumentParser.class);

  /** Whether scanned pages and images are read with Tesseract. */
  public enum Ocr {
    /** Read them when a {@code tesseract} binary is on the PATH; warn about them when none is. */
    WHEN_INSTALLED,
    /** Never run OCR (faster, and predictable); scanned pages are reported in warnings. */
    DISABLED
  }

  /**
   * Limits and options of a parser.
   *
   * @param maxBytes the largest file accepted, in bytes
   * @param maxTextChars the most characters of text extracted from one file (embedded documents included); the heap a
   *     parse needs grows with this, not with the file's size
   * @param timeout the longest one parse may take
   * @param maxEmbeddedDepth how deep attachments and archives may nest (an e-mail with a ZIP attachment is 2)
   * @param maxEmbeddedDocuments how many attachments and archive entries one file may hold in all
   * @param ocr whether to read scans with Tesseract
   * @param ocrLanguages Tesseract's language codes joined by {@code +}, e.g. {@code eng+chi_sim}; each must be
   *     installed
   */
  public record Settings(long maxBytes, int maxTextChars, Duration timeout, int maxEmbeddedDepth,
      int maxEmbeddedDocuments, Ocr ocr, String ocrLanguages) {

    /**
     * 32 million characters: about 10,000 pages of prose, and at most a few hundred megabytes of heap while it is
     * assembled (text, blocks and chunks).
     */
    public static final int DEFAULT_MAX_TEXT_CHARS = 32_000_000;
    /** Generous for a 1,000-page PDF on a slow core; a parse that takes longer is almost always stuck. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** An e-mail with a ZIP of documents is depth 2; five leaves room, a real document rarely goes deeper. */
    public static final int DEFAULT_MAX_EMBEDDED_DEPTH = 5;
    public static final int DEFAULT_MAX_EMBEDDED_DOCUMENTS = 10_000;

    public Settings {
      if (maxBytes < 1 || maxTextChars < 1 || maxEmbeddedDepth < 0 || maxEmbeddedDocuments < 0) {
        throw new IllegalArgumentException("limits must be positive: " + maxBytes + " bytes, " + maxTextChars
            + " chars, depth " + maxEmbeddedDepth + ", " + maxEmbeddedDocuments + " embedded documents");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      Objects.requireNonNull(ocr, "ocr");
      if (!ocrLanguages.matches("[a-z_]+(\\+[a-z_]+)*")) {
        throw new IllegalArgumentException("ocrLanguages must be Tesseract codes joined by '+', got " + ocrLanguages);
      }
    }

    /** The defaults for files of up to {@code maxBytes}, with OCR when Tesseract is installed, in English. */
    public static Settings defaults(long maxBytes) {
      return new Settings(maxBytes, DEFAULT_MAX_TEXT_CHARS, DEFAULT_TIMEOUT, DEFAULT_MAX_EMBEDDED_DEPTH,
          DEFAULT_MAX_EMBEDDED_DOCUMENTS, Ocr.WHEN_INSTALLED, "eng");
    }

    public Settings withMaxTextChars(int chars) {
      return new Settings(maxBytes, chars, timeout, maxEmbeddedDepth, maxEmbeddedDocuments, ocr, ocrLanguages);
    }

    public Settings withTimeout(Duration limit) {
      return new Settings(maxBytes, maxTextChars, limit, maxEmbeddedDepth, maxEmbeddedDocuments, ocr, ocrLanguages);
    }

    public Settings withEmbeddedLimits(int depth, int documents) {
      return new Settings(maxBytes, maxTextChars, timeout, depth, documents, ocr, ocrLanguages);
    }

    public Settings withOcr(Ocr mode, String languages) {
      return new Settings(maxBytes, maxTextChars, timeout, maxEmbeddedDepth, maxEmbeddedDocuments, mode, languages);
    }
  }

  private static final MediaType PDF = MediaType.application("pdf");
  /** What Tika detects for a password-protected DOCX/XLSX/PPTX (an OLE2 wrapper around the encrypted package). */
  private static final MediaType PROTECTED_OOXML = MediaType.application("x-tika-ooxml-protected");
  private static final Set<MediaType> PRESENTATIONS = Set.of(
      MediaType.application("vnd.openxmlformats-officedocument.presentationml.presentation"),
      MediaType.application("vnd.ms-powerpoint"));
  /**
   * Types that Tika also gives to unrecognised bytes by their file name alone, so that junk named {@code .txt}
   * would be ingested as garbage text: their first bytes are checked to be text.
   */
  static final Set<MediaType> TEXT_TYPES = Set.of(MediaType.TEXT_PLAIN, MediaType.text("markdown"),
      MediaType.text("html"), MediaType.application("xhtml+xml"), MediaType.text("csv"));
  /** How much of a file's head is checked to be text: enough for a stable share, one read. */
  private static final int TEXT_SNIFF_BYTES = 8192;
  /**
   * Text in any 8-bit or UTF-8 encoding has almost no C0 control characters (a stray NUL or BEL from a bad export
   * is tolerated); random bytes have about 11 % (28 of 256 values).
   */
  private static final double MAX_CONTROL_SHARE = 0.05;
  /** Types whose Tika parser holds the whole file's tree in memory. */
  private static final Set<MediaType> PARSED_IN_MEMORY = Set.of(MediaType.text("html"), MediaType.application("xhtml+xml"));
  /**
   * Zip-based formats (DOCX, XLSX, EPUB) yield a few characters of text per stored byte; past this ratio the file
   * is more likely a decompression bomb than a document.
   */
  private static final int MAX_CHARS_PER_BYTE = 4;
  /** A UTF-16 StringBuilder cannot hold more characters than this. */
  private static final int MAX_TEXT_CHARS = Integer.MAX_VALUE / 2 - 8;

  private final Settings settings;
  private final int maxChars;
  private final Executor executor;
  private final AutoDetectParser parser;
  private final MediaTypeRegistry registry;
  private final boolean ocrActive;

  /**
   * @param executor runs each parse; best one that starts a new (daemon) thread per task, see the class comment
   */
  public TikaDocumentParser(Settings settings, Executor executor) {
    this(settings, executor, new AutoDetectParser(TikaConfig.getDefaultConfig()));
  }

  /** With {@code parser} in place of Tika's default one: for tests of failure modes real files cannot provoke. */
  TikaDocumentParser(Settings settings, Executor executor, AutoDetectParser parser) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.maxChars = (int) Math.min(settings.maxTextChars(),
        Math.min(MAX_TEXT_CHARS, Math.min(settings.maxBytes(), MAX_TEXT_CHARS) * MAX_CHARS_PER_BYTE));
    this.parser = parser;
    this.registry = parser.getMediaTypeRegistry();
    this.ocrActive = settings.ocr() == Ocr.WHEN_INSTALLED && tesseractInstalled();
    log.info("Document parser ready: OCR {}", ocrActive ? "with Tesseract (" + settings.ocrLanguages() + ")"
        : settings.ocr() == Ocr.DISABLED ? "disabled" : "unavailable (no tesseract on the PATH)");
  }

  /** Whether scanned pages and images are read (OCR is enabled and Tesseract is installed). */
  public boolean readsScans() {
    return ocrActive;
  }

  /**
   * Extracts the text and structure of one file. Reads {@code content} (until the end, a limit, or a failure) on a
   * thread of the executor, and does not close it; after a timeout that thread may still read it until it notices
   * the abort, so the caller should close the stream once this returns or throws.
   *
   * @param fileName the original name, used for detection and as the fallback title
   * @throws UnsupportedDocumentTypeException when the type is not one {@link #supports} accepts (executables,
   *     unknown binary, images without OCR)
   * @throws UnparseableDocumentException when the file is empty, corrupt, encrypted, too large, a suspected bomb,
   *     takes longer than the timeout, or holds no text; its {@link UnparseableDocumentException#reason() reason}
   *     says which
   * @throws RetriableException when the calling thread is interrupted while it waits
   */
  public ParsedDocument parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    ParseSession session = new ParseSession();
    ParseThread thread = new ParseThread();
    CompletableFuture<ParsedDocument> result = new CompletableFuture<>();
    executor.execute(() -> {
      if (!thread.started()) {
        return; // timed out while queued: the caller has reported it already
      }
      try {
        result.complete(parseHere(content, fileName, session));
      } catch (OutOfMemoryError e) {
        // This thread's allocations are garbage once it returns; other callers go on.
        result.completeExceptionally(new UnparseableDocumentException(
            Reason.TOO_LARGE, "not enough memory to parse " + fileName + "; lower the text limit or raise the heap"));
      } catch (StackOverflowError e) {
        // a parser recursing over a structure nested thousands deep; the stack unwound, nothing else is affected
        result.completeExceptionally(new UnparseableDocumentException(
            Reason.SUSPECTED_BOMB, "document nests too deeply to parse: " + fileName));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      } finally {
        thread.finished();
      }
    });
    try {
      return result.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      UnparseableDocumentException timeout = new UnparseableDocumentException(
          Reason.TIMEOUT, "parsing took longer than " + settings.timeout() + ": " + fileName);
      session.abort(timeout);
      thread.interrupt();
      log.warn("Parsing {} timed out after {}; its thread was interrupted", fileName, settings.timeout());
      throw timeout;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.abort(new UnparseableDocumentException(Reason.TIMEOUT, "parsing was cancelled: " + fileName));
      thread.interrupt();
      throw new RetriableException("interrupted while parsing " + fileName, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private ParsedDocument parseHere(InputStream content, String fileName, ParseSession session) {
    CappedInputStream capped = new CappedInputStream(content, settings.maxBytes());
    try (TikaInputStream stream = TikaInputStream.get(capped)) {
      requireContent(stream, fileName);
      Metadata metadata = metadataFor(fileName);
      MediaType type = registry.normalize(parser.getDetector().detect(stream, metadata)).getBaseType();
      if (type.equals(PROTECTED_OOXML)) {
        throw new UnparseableDocumentException(Reason.ENCRYPTED, "document is encrypted: " + fileName);
      }
      if (!isSupported(type)) {
        throw new UnsupportedDocumentTypeException("cannot ingest " + type + " documents: " + fileName);
      }
      if (TEXT_TYPES.contains(type) && looksBinary(stream)) {
        throw new UnsupportedDocumentTypeException("cannot ingest binary content (application/octet-stream), not "
            + type + " as its name says: " + fileName);
      }
      TextBlockReader.Syntax syntax = TextBlockReader.Syntax.of(type);
      ParsedDocument document;
      if (syntax != null) {
        document = splitText(stream, metadata, syntax, type, fileName);
      } else if (PARSED_IN_MEMORY.contains(type)) {
        document = parseInMemory(stream, metadata, type, fileName, session, capped);
      } else {
        document = parseXhtml(stream, metadata, type, fileName, session, capped);
      }
      if (capped.exceeded()) {
        throw tooLarge(fileName, null);
      }
      log.debug("Parsed {} as {}: {} blocks, {} chars, language {}", fileName, type, document.blocks().size(),
          document.text().length(), document.language());
      return document;
    } catch (EncryptedDocumentException e) {
      throw new UnparseableDocumentException(Reason.ENCRYPTED, "document is encrypted: " + fileName, e);
    } catch (RagkbException e) {
      throw e;
    } catch (RuntimeException e) {
      // parsers meet junk with NullPointerException, IllegalArgumentException, ClassCastException...
      UnparseableDocumentException failure = session.failure();
      if (failure != null) {
        throw new UnparseableDocumentException(failure.reason(), failure.getMessage() + ": " + fileName, e);
      }
      throw new UnparseableDocumentException(
          Reason.CORRUPT, "corrupt or unreadable document " + fileName + ": " + rootMessage(e), e);
    } catch (TikaException | SAXException | IOException e) {
      UnparseableDocumentException failure = session.failure();
      if (failure != null) {
        throw new UnparseableDocumentException(failure.reason(), failure.getMessage() + ": " + fileName, e);
      }
      if (capped.exceeded()) {
        throw tooLarge(fileName, e);
      }
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        throw new UnparseableDocumentException(Reason.TOO_LARGE,
            "extracted text exceeds the limit of " + maxChars + " characters: " + fileName, e);
      }
      if (isZipBomb(e)) {
        throw new UnparseableDocumentException(Reason.SUSPECTED_BOMB,
            "suspected zip bomb (" + rootMessage(e) + "): " + fileName, e);
      }
      throw new UnparseableDocumentException(
          Reason.CORRUPT, "corrupt or unreadable document " + fileName + ": " + rootMessage(e), e);
    }
  }

  /**
   * Whether files of {@code mediaType} can be ingested: the {@link SupportedTypes}, images too when scans are read
   * ({@link #readsScans()}).
   * Parameters ({@code ; charset=...}) and aliases ({@code text/x-web-markdown}) are accepted; a malformed type
   * is not.
   */
  public boolean supports(String mediaType) {
    MediaType type = MediaType.parse(mediaType);
    return type != null && isSupported(registry.normalize(type.getBaseType()));
  }

  private boolean isSupported(MediaType type) {
    return SupportedTypes.DOCUMENTS.contains(type) || SupportedTypes.CONTAINERS.contains(type)
        || (ocrActive && SupportedTypes.IMAGES.contains(type));
  }

  /** Embedded images are left out: OCR of every logo and thumbnail in an office file costs seconds each. */
  private static boolean isSupportedEmbedded(MediaType type) {
    return SupportedTypes.DOCUMENTS.contains(type) || SupportedTypes.CONTAINERS.contains(type);
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

  /**
   * Parses a format whose parser builds the whole document tree in memory (Tika's HTML parser uses jsoup's DOM, about
   * ten times the file's size): such a file is refused past {@code maxChars} bytes, so that the heap a parse needs
   * stays bounded by the text limit and not by the file size limit.
   */
  private ParsedDocument parseInMemory(TikaInputStream stream, Metadata metadata, MediaType type, String fileName,
      ParseSession session, CappedInputStream capped) throws IOException, SAXException, TikaException {
    CappedInputStream markup = new CappedInputStream(stream, maxChars);
    try (TikaInputStream limited = TikaInputStream.get(markup)) {
      return parseXhtml(limited, metadata, type, fileName, session, capped);
    } catch (IOException | SAXException | TikaException e) {
      if (markup.exceeded()) {
        throw new UnparseableDocumentException(Reason.TOO_LARGE, type + " files are parsed in memory and limited to "
            + maxChars + " bytes, as their text is: " + fileName, e);
      }
      throw e;
    }
  }

  private ParsedDocument parseXhtml(
      TikaInputStream stream, Metadata metadata, MediaType type, String fileName, ParseSession session,
      CappedInputStream capped) throws IOException, SAXException, TikaException {
    BlockAssembler assembler = new BlockAssembler();
    XhtmlBlockHandler.Pagination pagination = type.equals(PDF) ? XhtmlBlockHandler.Pagination.PAGE_DIVS
        : PRESENTATIONS.contains(type) ? XhtmlBlockHandler.Pagination.SLIDE_DIVS : XhtmlBlockHandler.Pagination.NONE;
    XhtmlBlockHandler handler = new XhtmlBlockHandler(assembler, pagination, maxChars, session, capped::count);
    ParseContext context = new ParseContext();
    context.set(Parser.class, parser);
    context.set(EmbeddedDocumentExtractor.class, new LimitedEmbeddedExtractor(parser,
        TikaDocumentParser::isSupportedEmbedded, handler, session, context, settings.maxEmbeddedDepth(),
        settings.maxEmbeddedDocuments()));
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setOcrStrategy(ocrActive ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, pdf);
    TesseractOCRConfig ocr = new TesseractOCRConfig();
    ocr.setSkipOcr(!ocrActive);
    ocr.setLanguage(settings.ocrLanguages());
    context.set(TesseractOCRConfig.class, ocr);

    parser.parse(stream, handler, metadata, context);
    UnparseableDocumentException failure = session.failure();
    if (failure != null) {
      throw new UnparseableDocumentException(failure.reason(), failure.getMessage() + ": " + fileName, failure);
    }
    if (type.equals(PDF)) {
      warnAboutScans(handler, session);
    }
    String title = BlockAssembler.normalize(Objects.requireNonNullElse(metadata.get(TikaCoreProperties.TITLE), ""));
    if (assembler.isEmpty()) {
      throw new UnparseableDocumentException(Reason.NO_TEXT,
          "no text could be extracted from the " + type + " document " + fileName + scanHint(type, handler));
    }
    String text = assembler.text();
    return new ParsedDocument(title.isEmpty() ? baseName(fileName) : title, type.toString(),
        LanguageGuesser.guess(text), authors(metadata), instant(metadata.getDate(TikaCoreProperties.CREATED)),
        instant(metadata.getDate(TikaCoreProperties.MODIFIED)), text, assembler.blocks(), session.warnings());
  }

  private void warnAboutScans(XhtmlBlockHandler handler, ParseSession session) {
    List<Integer> empty = handler.pagesWithoutText();
    if (empty.isEmpty() || empty.size() == handler.pages()) {
      return;
    }
    String pages = describePages(empty);
    if (ocrActive) {
      session.warn(ParseWarning.Kind.PAGES_WITHOUT_TEXT, pages + " yielded no text, even through OCR");
    } else {
      session.warn(ParseWarning.Kind.PAGES_NOT_OCRED, pages + " have no text layer (scanned?) and were not read: "
          + ocrAdvice());
    }
  }

  private String scanHint(MediaType type, XhtmlBlockHandler handler) {
    if (!type.equals(PDF) || handler.pages() == 0) {
      return "";
    }
    return ocrActive ? "; its pages yielded no text even through OCR"
        : "; its pages have no text layer (a scan?) and " + ocrAdvice();
  }

  private String ocrAdvice() {
    return settings.ocr() == Ocr.DISABLED ? "OCR is disabled"
        : "OCR is not available (install Tesseract: scripts/setup-ocr.sh)";
  }

  private static String describePages(List<Integer> pages) {
    int shown = 20;
    String list = pages.stream().limit(shown).map(String::valueOf).collect(Collectors.joining(", "));
    return (pages.size() == 1 ? "page " : "pages ") + list + (pages.size() > shown ? " and more" : "");
  }

  private static List<String> authors(Metadata metadata) {
    Set<String> authors = new LinkedHashSet<>();
    Stream.of(metadata.getValues(TikaCoreProperties.CREATOR))
        .map(BlockAssembler::normalize)
        .filter(author -> !author.isEmpty())
        .forEach(authors::add);
    return List.copyOf(authors);
  }

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }

  private ParsedDocument splitText(
      TikaInputStream stream, Metadata metadata, TextBlockReader.Syntax syntax, MediaType type, String fileName)
      throws IOException, TikaException, SAXException {
    String text;
    try {
      text = PlainText.decode(stream, maxChars, metadata);
    } catch (WriteLimitReachedException e) {
      throw new UnparseableDocumentException(Reason.TOO_LARGE,
          "extracted text exceeds the limit of " + maxChars + " characters: " + fileName, e);
    }
    BlockAssembler assembler = new BlockAssembler();
    new TextBlockReader(syntax, assembler).read(text);
    String h1 = assembler.firstH1();
    if (assembler.isEmpty()) {
      throw new UnparseableDocumentException(
          Reason.NO_TEXT, "no text could be extracted from the " + type + " document " + fileName);
    }
    String assembled = assembler.text();
    return new ParsedDocument(h1 != null ? h1 : baseName(fileName), type.toString(), LanguageGuesser.guess(assembled),
        List.of(), null, null, assembled, assembler.blocks(), List.of());
  }

  /**
   * Whether the head of {@code stream} is binary rather than text: more than 5 % of its bytes are C0 control
   * characters (NUL included) other than tab, line breaks, form feed and escape, and it does not start with a UTF-16
   * byte-order mark (UTF-16 text is full of NULs). Leaves the stream where it was.
   */
  static boolean looksBinary(TikaInputStream stream) throws IOException {
    stream.mark(TEXT_SNIFF_BYTES);
    byte[] head = stream.readNBytes(TEXT_SNIFF_BYTES);
    stream.reset();
    boolean wideBom = head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE));
    if (wideBom) {
      return false;
    }
    int controls = 0;
    for (byte b : head) {
      boolean allowed = b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x1B;
      if ((b >= 0 && b < 0x20 && !allowed) || b == 0x7F) {
        controls++;
      }
    }
    return controls > head.length * MAX_CONTROL_SHARE;
  }

  private static void requireContent(TikaInputStream stream, String fileName) throws IOException {
    stream.mark(1);
    int first = stream.read();
    stream.reset();
    if (first < 0) {
      throw new UnparseableDocumentException(Reason.EMPTY, "document is empty: " + fileName);
    }
  }

  private UnparseableDocumentException tooLarge(String fileName, @Nullable Exception cause) {
    String message = "document exceeds the limit of " + settings.maxBytes() + " bytes: " + fileName;
    return cause == null ? new UnparseableDocumentException(Reason.TOO_LARGE, message)
        : new UnparseableDocumentException(Reason.TOO_LARGE, message, cause);
  }

  /**
   * Tika's {@code SecureContentHandler} reports a decompression bomb (too many characters per input byte, too deep
   * an XHTML nesting) with a plain TikaException whose only mark is its message: translated here, at the boundary.
   */
  private static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Suspected zip bomb")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code tesseract} executable is on the PATH, as Tika's TesseractOCRParser looks for it. */
  private static boolean tesseractInstalled() {
    String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "tesseract"))
        .anyMatch(Files::isExecutable);
  }

  /**
   * The thread running one parse, so that a timeout interrupts it only while it still works on that parse (an
   * executor may reuse the thread for the next one).
   */
  private static final class ParseThread {
    private @Nullable Thread thread;
    private boolean abandoned;
    private boolean interrupted;

    /** Binds the current thread to the parse; false when the parse was abandoned before it started. */
    synchronized boolean started() {
      if (abandoned) {
        return false;
      }
      thread = Thread.currentThread();
      return true;
    }

    synchronized void finished() {
      thread = null;
      if (interrupted) {
        // the parse is over: our interrupt must not leak into the thread's next task
        Thread.interrupted();
      }
    }

    synchronized void interrupt() {
      abandoned = true;
      if (thread != null) {
        interrupted = true;
        thread.interrupt();
      }
    }
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
