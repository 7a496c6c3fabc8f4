package dev.ragkb.retrieval.highlight;

import java.util.List;
import java.util.Objects;

/**
 * A fragment of a hit's text and where the query's terms occur in it. The fields are the JSON of a
 * search hit's {@code highlights}.
 *
 * <p>Matches are character ranges rather than {@code <em>} markup: the text stays exactly as the
 * document had it, so a client renders it with its own escaping (HTML, a terminal, a chat widget)
 * and a chunk holding {@code <script>} can never become markup; nothing needs unescaping either.
 *
 * @param text the fragment: whole words of the hit's text, at most the highlighter's length limit
 * @param matches the query's terms in {@code text}, ascending and not overlapping; empty when the
 *     fragment only stands for the hit (found by meaning, with no term in common with the query)
 */
public record Highlight(String text, List<Match> matches) {

  public Highlight {
    Objects.requireNonNull(text, "text");
    matches = List.copyOf(matches);
  }

  /**
   * One marked range of a fragment, in UTF-16 code units as Java and JavaScript strings index them.
   *
   * @param start offset of its first character in the fragment
   * @param end offset just past its last character
   */
  public record Match(int start, int end) {

    public Match {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("bad match range " + start + ".." + end);
      }
    }
  }
}
