package dev.ragkb.parsing;

import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.core.UnparseableDocumentException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses the documents inside a document (e-mail attachments, archive entries, files attached to a PDF) into the
 * same text, each under its own name, within limits: at most {@code maxDepth} levels of nesting and
 * {@code maxDocuments} embedded documents in all. Passing a limit aborts the whole parse as a suspected bomb, since a
 * real document rarely nests archives five deep or holds thousands of files. Entries of types we do not ingest
 * (images, fonts, thumbnails) are skipped; an entry that is encrypted or corrupt is skipped with a warning while the
 * rest of the container is kept. Single use: one per parse.
 */
final class LimitedEmbeddedExtractor implements EmbeddedDocumentExtractor {

  /** Types embedded in office files that carry no text we want and would only add warnings. */
  private static final Set<String> QUIETLY_SKIPPED = Set.of("image", "video", "audio", "font");

  private final AutoDetectParser parser;
  private final MediaTypeRegistry registry;
  private final Predicate<MediaType> supported;
  private final XhtmlBlockHandler blocks;
  private final ParseSession session;
  private final ParseContext context;
  private final int maxDepth;
  private final int maxDocuments;
  private int depth;
  private int documents;

  LimitedEmbeddedExtractor(AutoDetectParser parser, Predicate<MediaType> supported, XhtmlBlockHandler blocks,
      ParseSession session, ParseContext context, int maxDepth, int maxDocuments) {
    this.parser = parser;
    this.registry = parser.getMediaTypeRegistry();
    this.supported = supported;
    this.blocks = blocks;
    this.session = session;
    this.context = context;
    this.maxDepth = maxDepth;
    this.maxDocuments = maxDocuments;
  }

  @Override
  public boolean shouldParseEmbedded(Metadata metadata) {
    return session.failure() == null;
  }

  @Override
  public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    session.check();
    if (++documents > maxDocuments) {
      throw abort("it holds more than " + maxDocuments + " embedded files or archive entries");
    }
    if (depth + 1 > maxDepth) {
      throw abort("its attachments or archives nest more than " + maxDepth + " levels deep");
    }
    String name = Objects.requireNonNullElse(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY), "");
    try (TemporaryResources tmp = new TemporaryResources()) {
      TikaInputStream entry = TikaInputStream.get(CloseShieldInputStream.wrap(stream), tmp, metadata);
      MediaType type = registry.normalize(parser.getDetector().detect(entry, metadata)).getBaseType();
      if (!supported.test(type)) {
        if (!QUIETLY_SKIPPED.contains(type.getType())) {
          session.warn(ParseWarning.Kind.EMBEDDED_SKIPPED, "skipped " + describe(name) + " of type " + type);
        }
        return;
      }
      if (TikaDocumentParser.TEXT_TYPES.contains(type) && TikaDocumentParser.looksBinary(entry)) {
        session.warn(ParseWarning.Kind.EMBEDDED_SKIPPED, "skipped " + describe(name) + ": binary, not " + type);
        return;
      }
      depth++;
      blocks.startEmbedded(name);
      try {
        TextBlockReader.Syntax syntax = TextBlockReader.Syntax.of(type);
        if (syntax != null) {
          String text;
          try {
            text = PlainText.decode(entry, blocks.remainingChars(), metadata);
          } catch (WriteLimitReachedException e) {
            blocks.refusedText();
            throw e;
          }
          blocks.plainText(text, syntax);
        } else {
          metadata.set(Metadata.CONTENT_TYPE, type.toString());
          parser.parse(entry, new EmbeddedContentHandler(handler), metadata, context);
        }
      } catch (EncryptedDocumentException e) {
        session.check();
        session.warn(ParseWarning.Kind.EMBEDDED_SKIPPED, "skipped " + describe(name) + ": it is encrypted");
      } catch (TikaException | RuntimeException e) {
        // a parser's unchecked exception on a damaged entry costs that entry, not the whole container
        session.check();
        session.warn(ParseWarning.Kind.EMBEDDED_SKIPPED, "skipped " + describe(name) + ": it is corrupt");
      } finally {
        blocks.endEmbedded();
        depth--;
      }
    }
    session.check();
  }

  private SAXException abort(String why) {
    session.abort(new UnparseableDocumentException(Reason.SUSPECTED_BOMB, "suspected archive bomb: " + why));
    return new SAXException(why);
  }

  private static String describe(String name) {
    return name.isBlank() ? "an unnamed attachment" : "attachment '" + name + "'";
  }
}
