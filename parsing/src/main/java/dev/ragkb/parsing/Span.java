package dev.ragkb.parsing;

/** A half-open range {@code [start, end)} of a text. */
record Span(int start, int end) {

  Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }
}
