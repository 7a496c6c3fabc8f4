package dev.ragkb.parsing;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Parsers for tests: OCR off (deterministic whatever is installed), a daemon thread per parse. */
final class TestParsers {

  private static final ThreadFactory THREADS = Thread.ofPlatform().name("test-parse-", 0).daemon(true).factory();
  static final Executor THREAD_PER_PARSE = task -> THREADS.newThread(task).start();

  private TestParsers() {}

  static TikaDocumentParser.Settings settings(long maxBytes) {
    return TikaDocumentParser.Settings.defaults(maxBytes).withOcr(TikaDocumentParser.Ocr.DISABLED, "eng");
  }

  static TikaDocumentParser tika(long maxBytes) {
    return new TikaDocumentParser(settings(maxBytes), THREAD_PER_PARSE);
  }

  static TikaDocumentParser tika(TikaDocumentParser.Settings settings) {
    return new TikaDocumentParser(settings, THREAD_PER_PARSE);
  }
}
