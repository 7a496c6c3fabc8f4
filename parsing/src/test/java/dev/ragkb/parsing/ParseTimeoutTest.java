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
 * A parser that crashes (an unchecked exception, a stack overflow) gives a typed error as well.
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
    // the hang times out whatever the limit; the limit only has to leave a 10-byte text file ample time
    TikaDocumentParser parser = parserWith(new LoopingParser(), Duration.ofSeconds(2));
    catchThrowableOfType(UnparseableDocumentException.class,
        () -> parser.parse(new ByteArrayInputStream(HTML), "loop.html"));

    ParsedDocument next = parser.parse(new ByteArrayInputStream("Next file.".getBytes(UTF_8)), "next.txt");

    assertThat(next.text()).isEqualTo("Next file.");
  }

  @Test
  void reportsAParserThatCrashesAsCorruptAndOneThatOverflowsItsStackAsABomb() {
    TikaDocumentParser crashing = parserWith(new FailingParser(() -> {
      throw new NullPointerException("no root");
    }), Duration.ofMinutes(5));
    TikaDocumentParser recursing = parserWith(new FailingParser(ParseTimeoutTest::recurse), Duration.ofMinutes(5));

    assertThat(catchThrowableOfType(UnparseableDocumentException.class,
        () -> crashing.parse(new ByteArrayInputStream(HTML), "crash.html")).reason())
        .isEqualTo(UnparseableDocumentException.Reason.CORRUPT);
    assertThat(catchThrowableOfType(UnparseableDocumentException.class,
        () -> recursing.parse(new ByteArrayInputStream(HTML), "deep.html")).reason())
        .isEqualTo(UnparseableDocumentException.Reason.SUSPECTED_BOMB);
  }

  private static void recurse() {
    recurse();
  }

  private TikaDocumentParser hangingOn(Parser hanging) {
    return parserWith(hanging, Duration.ofMillis(100));
  }

  private TikaDocumentParser parserWith(Parser tikaParser, Duration timeout) {
    return new TikaDocumentParser(TestParsers.settings(1 << 20).withTimeout(timeout), tracking,
        new AutoDetectParser(tikaParser));
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

  /** Fails the way {@code failure} does, as parsers with bugs do on junk input. */
  private record FailingParser(Runnable failure) implements Parser {
    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
      return Set.of(MediaType.text("html"));
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
      failure.run();
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
