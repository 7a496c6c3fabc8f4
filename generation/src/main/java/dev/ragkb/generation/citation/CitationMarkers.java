package dev.ragkb.generation.citation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans the {@code [n]} markers of an answer while it streams. A marker may arrive split over
 * several pieces ({@code "[" "1" "]"}), so text that could still become a marker is held back until
 * it is decided. Markers naming a source that was shown to the generator are renumbered in order of
 * first use ({@code [3] ... [1]} becomes {@code [1] ... [2]}), a list {@code [1, 3]} becomes {@code
 * [1][2]}, and markers naming no source are removed together with the whitespace before them. The
 * price of that invariant: an index in prose, such as {@code array[3]}, reads as a marker too.
 *
 * <p>One instance per answer; not thread-safe.
 */
public final class CitationMarkers {

  /** Longer bracketed text is prose, not a marker. */
  private static final int MAX_MARKER_CHARS = 24;

  private static final Pattern MARKER = Pattern.compile("\\[\\s*\\d{1,4}(?:\\s*,\\s*\\d{1,4})*\\s*]");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private enum Verdict { HOLD, MARKER, LITERAL }

  private final int sourceCount;
  /** Source number in the prompt (from 1) → number in the answer, in order of first use. */
  private final Map<Integer, Integer> answerNumbers = new LinkedHashMap<>();
  private final StringBuilder held = new StringBuilder();

  /** @param sourceCount how many sources the generator was shown, numbered from 1 */
  public CitationMarkers(int sourceCount) {
    this.sourceCount = sourceCount;
  }

  /** Takes the next piece of the generator's text and returns what may be passed on now, maybe "". */
  public String accept(String piece) {
    StringBuilder out = new StringBuilder();
    Deque<Character> pending = new ArrayDeque<>();
    for (int i = 0; i < piece.length(); i++) {
      pending.add(piece.charAt(i));
    }
    while (!pending.isEmpty()) {
      char c = pending.removeFirst();
      if (held.isEmpty() && !Character.isWhitespace(c) && c != '[') {
        out.append(c);
        continue;
      }
      held.append(c);
      switch (verdict()) {
        case HOLD -> { }
        case MARKER -> {
          out.append(rewrite(held.toString()));
          held.setLength(0);
        }
        case LITERAL -> {
          // only the first held character is known to be literal; the rest may start a marker
          out.append(held.charAt(0));
          for (int j = held.length() - 1; j >= 1; j--) {
            pending.addFirst(held.charAt(j));
          }
          held.setLength(0);
        }
      }
    }
    return out.toString();
  }

  /** The end of the text: returns whatever was held back (an unfinished marker stays as written). */
  public String finish() {
    String rest = held.toString();
    held.setLength(0);
    return rest;
  }

  /**
   * The sources cited so far, in answer-number order: element {@code i} is the prompt number (from
   * 1) of the source that the answer calls {@code [i + 1]}.
   */
  public List<Integer> citedSources() {
    return Collections.unmodifiableList(new ArrayList<>(answerNumbers.keySet()));
  }

  private Verdict verdict() {
    int i = 0;
    while (i < held.length() && Character.isWhitespace(held.charAt(i))) {
      i++;
    }
    if (i == held.length()) {
      return held.length() > MAX_MARKER_CHARS ? Verdict.LITERAL : Verdict.HOLD;
    }
    if (held.charAt(i) != '[' || held.length() - i > MAX_MARKER_CHARS) {
      return Verdict.LITERAL;
    }
    for (int j = i + 1; j < held.length(); j++) {
      char c = held.charAt(j);
      if (c == ']') {
        return j == held.length() - 1 && MARKER.matcher(held.substring(i)).matches() ? Verdict.MARKER : Verdict.LITERAL;
      }
      if (!Character.isDigit(c) && c != ',' && c != ' ') {
        return Verdict.LITERAL;
      }
    }
    return Verdict.HOLD;
  }

  private String rewrite(String whitespaceAndMarker) {
    int bracket = whitespaceAndMarker.indexOf('[');
    StringBuilder markers = new StringBuilder();
    Matcher m = NUMBER.matcher(whitespaceAndMarker.substring(bracket));
    List<Integer> seen = new ArrayList<>();
    while (m.find()) {
      int n = Integer.parseInt(m.group());
      if (n >= 1 && n <= sourceCount && !seen.contains(n)) {
        seen.add(n);
        int answerNumber = answerNumbers.computeIfAbsent(n, k -> answerNumbers.size() + 1);
        markers.append('[').append(answerNumber).append(']');
      }
    }
    return markers.isEmpty() ? "" : whitespaceAndMarker.substring(0, bracket) + markers;
  }
}
