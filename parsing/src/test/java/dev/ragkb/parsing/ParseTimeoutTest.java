package dev.ragkb.parsing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ragkb.core.UnparseableDocumentException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * A parser that never finishes is stopped: the caller gets a TIMEOUT error at once, and the parsing thread ends too.
 * The hanging parsers stand in for Tika bugs (an endless loop, a deadlock) that real files provoke only rarely.
 * The outcome does not depend on speed: the parsers hang forever, so any timeout expires.
 */
class ParseTimeoutTest {

  private static final byte[] HTML = "<html><body><p>Hello.</p></body></html>".getBytes(UTF_8);
  /** Long enough for the thread to stop, however loaded the machine; the assertion is that it stops at all. */
  private static final long STOP_WITHIN_MINUTES = 2;

  /** Counts the parse tasks that ended, whether they ran the parse or found it abandoned before they started. */
  private final CountDownLatch tasksEnded = new CountDownLatch(1);
  private final Executor tracking = task -> TestParsers.THREAD_PER_PARSE.execute(() -> {
    try {
      task.run();
    } finally {
      tasksEnded.countDown();
    }
  });

  @Test
  void stopsAParserCaughtInAnEndlessLoop() throws InterruptedException {
    TikaDocumentParser parser = hangingOn(new LoopingParser());

    UnparseableDocumentException e = catchThrowableOfType(UnparseableDocumentException.class,
        () -> parser.parse(new ByteArrayInputStream(HTML), "loop.html"));

    assertThat(e.reason()).isEqualTo(UnparseableDocumentException.Reason.TIMEOUT);
    assertThat(e.getMessage()).contains("loop.html");
    assertThat(tasksEnded.await(STOP_WITHIN_MINUTES, TimeUnit.MINUTES)).as("the parsing thread ended").isTrue();
  }

  @Test
  void interruptsAParserThatWaitsForever() throws InterruptedException {
    TikaDocumentParser parser = hangingOn(new WaitingParser());

    UnparseableDocumentException e = catchThrowableOfType(UnparseableDocumentException.class,
        () -> parser.parse(new ByteArrayInputStream(HTML), "deadlock.html"));

    assertThat(e.reason()).isEqualTo(UnparseableDocumentException.Reason.TIMEOUT);
    assertThat(tasksEnded.await(STOP_WITHIN_MINUTES, TimeUnit.MINUTES)).as("the parsing thread ended").isTrue();
  }

  @Test
  void parsesTheNextDocumentAfterATimeout() {
    TikaDocumentParser parser = hangingOn(new LoopingParser());
    catchThrowableOfType(UnparseableDocumentException.class,
        () -> parser.parse(new ByteArrayInputStream(HTML), "loop.html"));

    ParsedDocument next = parser.parse(new ByteArrayInputStream("Next file.".getBytes(UTF_8)), "next.txt");

    assertThat(next.text()).isEqualTo("Next file.");
  }

  private TikaDocumentParser hangingOn(Parser hanging) {
    return new TikaDocumentParser(TestParsers.settings(1 << 20).withTimeout(Duration.ofMillis(100)), tracking,
        new AutoDetectParser(hanging));
  }

  /** Emits empty paragraphs forever, as a parser stuck in a loop over a damaged structure does. */
  private static final class LoopingParser implements Parser {

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
      return Set.of(MediaType.text("html"));
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
        throws SAXException {
      while (true) {
        handler.startElement("", "p", "p", new AttributesImpl());
        handler.endElement("", "p", "p");
      }
    }
  }

  /** Waits for a signal that never comes, as a parser in a deadlock does. */
  private static final class WaitingParser implements Parser {

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
      return Set.of(MediaType.text("html"));
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
        throws TikaException {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TikaException("interrupted", e);
      }
    }
  }
}
