package dev.ragkb.generation.context;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.Citation;
import dev.ragkb.core.Hit;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One numbered source as a generator reads it: a span of one document's extracted text, assembled
 * from one or more retrieved chunks (their parent, or several overlapping chunks merged). Citations
 * cut from {@link #text()} carry the document offsets of what the generator actually read.
 *
 * @param documentId the document the span belongs to
 * @param title the document's title
 * @param source the document's original file name or path
 * @param headingPath the headings above the passage's best chunk
 * @param page the page of the passage's best chunk, when known
 * @param startOffset offset of the passage's first character in the document's extracted text
 * @param endOffset offset just past its last character
 * @param text exactly the document's extracted text from {@code startOffset} to {@code endOffset}
 * @param hits the retrieved chunks the passage covers, best first; the passage ranks by the first
 */
public record Passage(
    String documentId,
    String title,
    String source,
    List<String> headingPath,
    @Nullable Integer page,
    int startOffset,
    int endOffset,
    String text,
    List<Hit> hits) {

  public Passage {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    headingPath = List.copyOf(headingPath);
    hits = List.copyOf(hits);
    if (hits.isEmpty()) {
      throw new IllegalArgumentException("a passage covers at least one hit");
    }
    if (startOffset < 0 || endOffset - startOffset != text.length()) {
      throw new IllegalArgumentException("span " + startOffset + ".." + endOffset + " does not fit a text of "
          + text.length() + " characters");
    }
  }

  /** The hit's chunk as a passage of its own. */
  public static Passage of(Hit hit) {
    return of(List.of(hit), hit.chunk().startOffset(), hit.chunk().text());
  }

  /** A span of the hits' document, described by the first hit's chunk. */
  static Passage of(List<Hit> hits, int startOffset, String text) {
    Chunk c = hits.getFirst().chunk();
    return new Passage(c.documentId(), c.title(), c.source(), c.headingPath(), c.page(), startOffset,
        startOffset + text.length(), text, hits);
  }

  /** The retrieval score of the best hit. */
  public double score() {
    return hits.getFirst().score();
  }

  /** The ids of the chunks the passage covers, best first. */
  public List<String> chunkIds() {
    return hits.stream().map(h -> h.chunk().id()).toList();
  }

  /**
   * Cites the part {@code from}..{@code to} of {@link #text()}. The citation names the covered chunk
   * that overlaps that part most (the best one on a tie, or when the part lies in parent text outside
   * every retrieved chunk), with that chunk's page and score.
   *
   * @throws IndexOutOfBoundsException when the range lies outside the text
   */
  public Citation cite(int n, int from, int to) {
    String snippet = text.substring(from, to);
    int start = startOffset + from;
    int end = startOffset + to;
    Hit named = hits.getFirst();
    int most = 0;
    for (Hit h : hits) {
      int overlap = Math.min(end, h.chunk().endOffset()) - Math.max(start, h.chunk().startOffset());
      if (overlap > most) {
        most = overlap;
        named = h;
      }
    }
    Chunk c = named.chunk();
    return new Citation(n, documentId, c.id(), source, title, snippet, c.page(), named.score(), start, end);
  }
}
