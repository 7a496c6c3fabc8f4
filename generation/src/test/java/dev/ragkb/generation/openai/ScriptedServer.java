package dev.ragkb.generation.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP/1.1 server that replays scripted responses byte for byte, so a test controls what a
 * real client sees on the wire: chunk boundaries, a pause before a chunk (held until the test
 * releases it), and a connection cut in the middle of a body. Connections are kept alive between
 * replies, as real servers do, so connection reuse is visible in {@link #connections()}.
 */
final class ScriptedServer implements AutoCloseable {

  sealed interface Step {}

  /** One HTTP chunk. */
  record Chunk(String data) implements Step {}

  /** Waits until the latch opens before the next step. */
  record Hold(CountDownLatch latch) implements Step {}

  /** Closes the socket without ending the body. */
  record Cut() implements Step {}

  record Reply(int status, List<String> headers, List<Step> steps) {
    /** A 200 event stream; each event becomes one chunk, framed as {@code prefix + event + "\n\n"}. */
    static Reply events(String prefix, Object... eventsAndSteps) {
      List<Step> steps = new ArrayList<>();
      for (Object o : eventsAndSteps) {
        steps.add(o instanceof Step s ? s : new Chunk(prefix + o + "\n\n"));
      }
      return new Reply(200, List.of("Content-Type: text/event-stream; charset=utf-8", "Cache-Control: no-cache"), steps);
    }

    static Reply json(int status, String body, String... headers) {
      List<String> h = new ArrayList<>(List.of("Content-Type: application/json"));
      h.addAll(List.of(headers));
      return new Reply(status, h, List.of(new Chunk(body)));
    }
  }

  private final ServerSocket socket;
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

  ScriptedServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("scripted-server").start(this::accept);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  ScriptedServer then(Reply reply) {
    replies.add(reply);
    return this;
  }

  /** The request bodies received, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        open.add(s);
        Thread.ofPlatform().daemon().name("scripted-connection").start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (true) {
        String body = readRequest(in);
        if (body == null) {
          return;
        }
        requests.add(body);
        Reply reply = replies.poll();
        if (reply == null) {
          reply = Reply.json(500, "{\"error\":\"no scripted reply left\"}");
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 " + reply.status() + " Scripted\r\n");
        reply.headers().forEach(h -> head.append(h).append("\r\n"));
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (Step step : reply.steps()) {
          switch (step) {
            case Chunk c -> {
              byte[] data = c.data().getBytes(StandardCharsets.UTF_8);
              out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(data);
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
              out.flush();
            }
            case Hold h -> h.latch().await(1, TimeUnit.MINUTES);
            case Cut c -> {
              return;
            }
          }
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException e) {
      // the client hung up: fine, that is what some tests do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads one request; returns its body, or null at the end of the connection. */
  private static String readRequest(InputStream in) throws IOException {
    int contentLength = 0;
    boolean any = false;
    while (true) {
      String line = readLine(in);
      if (line == null) {
        return null;
      }
      if (line.isEmpty()) {
        if (!any) {
          continue;
        }
        break;
      }
      any = true;
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        contentLength = Integer.parseInt(line.substring(15).strip());
      }
    }
    return new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
