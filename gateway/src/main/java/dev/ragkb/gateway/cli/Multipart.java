package dev.ragkb.gateway.cli;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data body for {@link java.net.http.HttpClient}, which has none of its own. */
public final class Multipart {

  private final String boundary = "ragkb-" + UUID.randomUUID();
  private final List<byte[]> parts = new ArrayList<>();

  /** Adds a file part named {@code file}. */
  public Multipart file(String filename, byte[] content) {
    String safe = filename.replace("\"", "%22").replace("\r", "").replace("\n", "");
    return part("Content-Disposition: form-data; name=\"file\"; filename=\"" + safe
        + "\"\r\nContent-Type: application/octet-stream", content);
  }

  /** Adds a JSON part, such as the upload's {@code metadata}. */
  public Multipart json(String name, String json) {
    return part("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json",
        json.getBytes(StandardCharsets.UTF_8));
  }

  private Multipart part(String headers, byte[] content) {
    parts.add(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    parts.add(content);
    parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public HttpRequest.BodyPublisher publisher() {
    List<byte[]> all = new ArrayList<>(parts);
    all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.BodyPublishers.ofByteArrays(all);
  }
}
