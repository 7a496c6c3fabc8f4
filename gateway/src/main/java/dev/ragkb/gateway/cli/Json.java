package dev.ragkb.gateway.cli;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How the CLI prints results: indented JSON, figures rounded to four decimals. */
final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static String pretty(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
