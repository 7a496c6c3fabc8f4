package dev.ragkb.generation.openai;

import dev.ragkb.core.RetriableException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One streaming HTTP exchange, seen by the reading thread as a queue of events: the status and
 * headers, then each line of the body, then its end or a failure. The HTTP client's threads fill the
 * queue; the reader waits for each event with a deadline, so a silent server costs a timeout instead
 * of a thread blocked in a socket read. Closing cancels the exchange. One reader; {@link #close()}
 * may come from it only.
 */
final class StreamingExchange implements AutoCloseable {

  sealed interface Event {}

  record Head(int status, HttpHeaders headers) implements Event {}

  record Line(String text) implements Event {}

  record End() implements Event {}

  record Failed(Throwable cause) implements Event {}

  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final LineForwarder lines = new LineForwarder(events);
  private final CompletableFuture<HttpResponse<Void>> response;

  private StreamingExchange(HttpClient http, HttpRequest request) {
    response = http.sendAsync(request, info -> {
      events.add(new Head(info.statusCode(), info.headers()));
      return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
    });
    response.whenComplete((r, e) -> {
      if (e != null) {
        events.add(new Failed(e));
      }
    });
  }

  static StreamingExchange send(HttpClient http, HttpRequest request) {
    return new StreamingExchange(http, request);
  }

  /**
   * The next event, waiting until {@code deadlineNanos} ({@link System#nanoTime()} scale).
   *
   * @throws RetriableException naming {@code awaited} when the deadline passes first
   */
  Event next(long deadlineNanos, String awaited) {
    try {
      Event e = events.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new RetriableException("no " + awaited + " from the generator in time", null);
      }
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while waiting for the generator", e);
    }
  }

  /**
   * Reads to the end of the body, so the connection goes back to the pool instead of being closed
   * by {@link #close()}. A server that never ends the body only costs its connection.
   */
  void drain(long deadlineNanos) {
    try {
      Event e;
      do {
        e = events.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      } while (e instanceof Line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The body's first {@code maxChars} or so, for an error message; what arrives by the deadline. */
  String body(long deadlineNanos, int maxChars) {
    StringBuilder body = new StringBuilder();
    try {
      while (body.length() < maxChars) {
        Event e = events.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (!(e instanceof Line l)) {
          break;
        }
        body.append(l.text()).append('\n');
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return body.toString().strip();
  }

  @Override
  public void close() {
    lines.cancel();
    // a no-op once the body is complete; otherwise it aborts the exchange and closes the connection
    response.cancel(true);
  }

  /** Passes the lines of a response body to the queue; cancels the body when asked to. */
  private static final class LineForwarder implements Flow.Subscriber<String> {
    private final LinkedBlockingQueue<Event> events;
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;

    LineForwarder(LinkedBlockingQueue<Event> events) {
      this.events = events;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      events.add(new Line(line));
    }

    @Override
    public void onError(Throwable t) {
      events.add(new Failed(t));
    }

    @Override
    public void onComplete() {
      events.add(new End());
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
