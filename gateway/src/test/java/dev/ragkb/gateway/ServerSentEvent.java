package dev.ragkb.gateway;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One event of a {@code text/event-stream} body, as the ask endpoint writes them. */
record ServerSentEvent(String name, JsonNode data) {

  static List<ServerSentEvent> parse(String body) {
    var json = JsonMapper.builder().build();
    List<ServerSentEvent> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      if (!data.isEmpty()) {
        events.add(new ServerSentEvent(name, json.readTree(data.toString())));
      }
    }
    return events;
  }

  /** The text the token events add up to, counting from the last reset. */
  static String text(List<ServerSentEvent> events) {
    StringBuilder text = new StringBuilder();
    for (ServerSentEvent e : events) {
      switch (e.name()) {
        case "token" -> text.append(e.data().path("text").asString());
        case "reset" -> text.setLength(0);
        default -> { }
      }
    }
    return text.toString();
  }
}
