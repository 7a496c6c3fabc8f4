package dev.ragkb.parsing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Fails once more than {@code maxBytes} have been read, so an oversized upload stops early instead of being
 * spooled or buffered whole. Remembers that it failed: parsers sometimes swallow or wrap the IOException, and the
 * caller must still report "too large" rather than a truncated document. Fails too once the reading thread is
 * interrupted, so a parse that is stopped for taking too long stops at its next read. Closing it leaves the wrapped
 * stream open (the caller owns it). Mark/reset is unsupported so that every byte is counted once.
 */
final class CappedInputStream extends FilterInputStream {

  private final long maxBytes;
  private long count;
  private boolean exceeded;

  CappedInputStream(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  /** True once a read went past the cap. */
  boolean exceeded() {
    return exceeded;
  }

  /** How many bytes were read so far. */
  long count() {
    return count;
  }

  long maxBytes() {
    return maxBytes;
  }

  @Override
  public int read() throws IOException {
    stopIfInterrupted();
    int b = in.read();
    if (b >= 0) {
      consumed(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    stopIfInterrupted();
    int n = in.read(b, off, len);
    if (n > 0) {
      consumed(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    consumed(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readlimit) {
    // unsupported, see class javadoc
  }

  @Override
  public void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  @Override
  public void close() {
    // the caller owns the wrapped stream
  }

  private static void stopIfInterrupted() throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("parsing was interrupted");
    }
  }

  private void consumed(long n) throws IOException {
    count += n;
    if (count > maxBytes) {
      exceeded = true;
      throw new IOException("document exceeds the limit of " + maxBytes + " bytes");
    }
  }
}
