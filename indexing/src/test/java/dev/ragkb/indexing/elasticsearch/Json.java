package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a request looks like on the wire, as a JSON tree that compares regardless of key order and spacing. */
final class Json {

  private static final Jackson3JsonpMapper MAPPER = new Jackson3JsonpMapper();
  private static final JsonMapper TREES = JsonMapper.builder().build();

  private Json() {}

  /** A request, or a document as the client sends it. */
  static JsonNode of(Object value) {
    return TREES.readTree(JsonpUtils.toJsonString(value, MAPPER));
  }

  /** Parses JSON written with single quotes, for readable expectations. */
  static JsonNode parse(String singleQuoted) {
    return TREES.readTree(singleQuoted.replace('\'', '"'));
  }
}
