package dev.ragkb.generation.context;

import dev.ragkb.core.Chunk;
import dev.ragkb.core.Hit;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.generation.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Turns ranked hits into the passages a generator reads, numbered by their position:
 *
 * <ul>
 *   <li>a token budget over all passages' text: first each hit's chunk is taken, in rank order, while it
 *       fits; one that does not fit is left out (later, smaller ones may still fit), and a chunk too
 *       large for what is left is cut to its leading whole sentences, never mid-sentence;
 *   <li>small-to-big: then, again in rank order, a chosen hit's chunk is widened to its parent passage
 *       (its section, or the part of a long section around it) when the parent holds at most {@link
 *       Settings#maxPassageTokens} and the tokens it adds fit what is left; otherwise to the widest window
 *       of the parent's whole sentences around the chunk that does. So parents never crowd out a lower hit
 *       that chunks alone would have shown. A parent whose offset cannot be told exactly (none recorded,
 *       or the chunk's text occurs in it twice) is never used, so that every offset stays exact;
 *   <li>merging: passages of the same document whose spans overlap or touch become one passage with the
 *       union span, ranked by its best hit; a hit inside a passage already chosen only joins it.
 *       Passages of different documents never merge.
 * </ul>
 *
 * <p>Only text the hits carry is used: nothing is fetched, so the passages are readable by whoever
 * could read the hits. Thread-safe when the {@link TokenCounter} is.
 */
public final class ContextAssembler {

  /**
   * @param smallToBig hand over each hit's parent passage instead of its chunk, where it fits
   * @param maxTokens the most tokens of passage text in all
   * @param maxPassageTokens the largest parent used in place of its chunk; a larger one would crowd out
   *     the other hits
   */
  public record Settings(boolean smallToBig, int maxTokens, int maxPassageTokens) {
    public Settings {
      if (maxTokens < 1 || maxPassageTokens < 1) {
        throw new IllegalArgumentException("maxTokens and maxPassageTokens must be > 0: " + maxTokens + ", "
            + maxPassageTokens);
      }
    }
  }

  /** A passage chosen so far and its token count. */
  private record Chosen(Passage passage, int tokens) {}

  /** A span of a hit's document: its chunk, the chunk's leading sentences, or its parent. */
  private record Piece(int start, String text) {
    int end() {
      return start + text.length();
    }
  }

  private final TokenCounter tokens;
  private final Settings settings;

  public ContextAssembler(TokenCounter tokens, Settings settings) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.settings = settings;
  }

  /** The passages for {@code hits} (in descending relevance) within {@link Settings#maxTokens}. */
  public List<Passage> assemble(List<Hit> hits) {
    return assemble(hits, settings.maxTokens());
  }

  /**
   * The passages for {@code hits} (in descending relevance) within {@code budget} tokens, or {@link
   * Settings#maxTokens} when that is less: the caller's own limit, such as what a model's context
   * window leaves. Best first; empty when nothing fits.
   */
  public List<Passage> assemble(List<Hit> hits, int budget) {
    List<Chosen> chosen = new ArrayList<>();
    int left = Math.min(budget, settings.maxTokens());
    for (Hit hit : hits) {
      Chunk c = hit.chunk();
      int inside = indexOf(chosen, p -> contains(p, c.documentId(), c.startOffset(), c.endOffset()));
      if (inside >= 0) {
        Chosen p = chosen.get(inside);
        chosen.set(inside, new Chosen(withHit(p.passage(), hit), p.tokens()));
        continue;
      }
      Merge whole = merge(chosen, hit, new Piece(c.startOffset(), c.text()));
      @Nullable Piece leading = whole.added() <= left ? null : leadingSentences(c, left);
      Merge m = leading == null ? whole : merge(chosen, hit, leading);
      if (m.added() <= left) {
        left -= m.apply(chosen);
      }
    }
    if (settings.smallToBig()) {
      for (Hit hit : hits) {
        @Nullable Piece parent = parent(hit.chunk());
        String doc = hit.chunk().documentId();
        if (parent == null || indexOf(chosen, p -> p.hits().contains(hit)) < 0
            || indexOf(chosen, p -> contains(p, doc, parent.start(), parent.end())) >= 0) {
          continue;
        }
        @Nullable Merge m = tokens.count(parent.text()) <= settings.maxPassageTokens() ? merge(chosen, hit, parent) : null;
        if (m == null || m.added() > left) {
          m = window(chosen, hit, parent, left);
        }
        if (m != null && m.added() <= left) {
          left -= m.apply(chosen);
        }
      }
    }
    return chosen.stream().map(Chosen::passage).toList();
  }

  private static boolean contains(Passage p, String documentId, int start, int end) {
    return p.documentId().equals(documentId) && p.startOffset() <= start && end <= p.endOffset();
  }

  /**
   * The chunk's parent with its document offset, or null when it cannot be placed exactly: the parent
   * holds the chunk's text once, at {@code startOffset - parentStart}.
   */
  private static @Nullable Piece parent(Chunk c) {
    String parent = c.parentText();
    if (parent == null) {
      return null;
    }
    int at = parent.indexOf(c.text());
    if (at < 0 || at != parent.lastIndexOf(c.text()) || at > c.startOffset()) {
      return null;
    }
    return new Piece(c.startOffset() - at, parent);
  }

  /**
   * The chunk widened within its parent by whole sentences, one at a time after and before it in turn, while the
   * window holds at most {@link Settings#maxPassageTokens} and adds at most {@code left}; null when not even one
   * sentence can be added.
   */
  private @Nullable Merge window(List<Chosen> chosen, Hit hit, Piece parent, int left) {
    Chunk c = hit.chunk();
    List<SentenceSplitter.Span> sentences = SentenceSplitter.spans(parent.text());
    int start = c.startOffset() - parent.start();
    int end = c.endOffset() - parent.start();
    int before = sentences.size() - 1;
    while (before >= 0 && sentences.get(before).end() > start) {
      before--;
    }
    int after = 0;
    while (after < sentences.size() && sentences.get(after).start() < end) {
      after++;
    }
    @Nullable Merge best = null;
    boolean growAfter = true;
    boolean growBefore = true;
    while (growAfter || growBefore) {
      if (growAfter) {
        growAfter = after < sentences.size();
        @Nullable Merge m = growAfter ? windowMerge(chosen, hit, parent, start, sentences.get(after).end(), left) : null;
        if (m == null) {
          growAfter = false;
        } else {
          best = m;
          end = sentences.get(after++).end();
        }
      }
      if (growBefore) {
        growBefore = before >= 0;
        @Nullable Merge m = growBefore ? windowMerge(chosen, hit, parent, sentences.get(before).start(), end, left) : null;
        if (m == null) {
          growBefore = false;
        } else {
          best = m;
          start = sentences.get(before--).start();
        }
      }
    }
    return best;
  }

  /** The merge of the parent's part {@code from}..{@code to}, or null when it is too large. */
  private @Nullable Merge windowMerge(List<Chosen> chosen, Hit hit, Piece parent, int from, int to, int left) {
    String text = parent.text().substring(from, to);
    if (tokens.count(text) > settings.maxPassageTokens()) {
      return null;
    }
    Merge m = merge(chosen, hit, new Piece(parent.start() + from, text));
    return m.added() <= left ? m : null;
  }

  /** The longest run of the chunk's first whole sentences within {@code left} tokens, short of the whole chunk. */
  private @Nullable Piece leadingSentences(Chunk c, int left) {
    List<SentenceSplitter.Span> sentences = SentenceSplitter.spans(c.text());
    @Nullable Piece best = null;
    for (int k = 0; k < sentences.size() - 1; k++) {
      String text = c.text().substring(0, sentences.get(k).end());
      if (tokens.count(text) > left) {
        break;
      }
      best = new Piece(c.startOffset(), text);
    }
    return best;
  }

  /**
   * A piece merged with the chosen passages it overlaps or touches: the passage that would replace them.
   *
   * @param absorbed the positions of the chosen passages it replaces, ascending; empty when it is new
   * @param added the tokens it adds to those of the passages it replaces
   */
  private record Merge(Chosen result, List<Integer> absorbed, int added) {

    /** Puts the result in place of the first passage it absorbs (or last, when new) and returns {@link #added}. */
    int apply(List<Chosen> chosen) {
      if (absorbed.isEmpty()) {
        chosen.add(result);
      } else {
        chosen.set(absorbed.getFirst(), result);
        for (int j = absorbed.size() - 1; j >= 1; j--) {
          chosen.remove((int) absorbed.get(j));
        }
      }
      return added;
    }
  }

  /** {@code piece} for {@code hit} merged with every chosen passage of the same document that it overlaps or touches. */
  private Merge merge(List<Chosen> chosen, Hit hit, Piece piece) {
    String doc = hit.chunk().documentId();
    Piece merged = piece;
    List<Integer> absorbed = new ArrayList<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (int i = 0; i < chosen.size(); i++) {
        Passage p = chosen.get(i).passage();
        if (!absorbed.contains(i) && p.documentId().equals(doc)
            && p.startOffset() <= merged.end() && merged.start() <= p.endOffset()) {
          merged = union(merged, new Piece(p.startOffset(), p.text()));
          absorbed.add(i);
          grew = true;
        }
      }
    }
    absorbed.sort(Comparator.naturalOrder());
    List<Hit> hits = new ArrayList<>();
    for (int i : absorbed) {
      hits.addAll(chosen.get(i).passage().hits());
    }
    if (!hits.contains(hit)) {
      hits.add(hit);
    }
    // the hits came in rank order, so scores sort them best first; the stable sort keeps ties in rank order
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    int cost = tokens.count(merged.text());
    int freed = absorbed.stream().mapToInt(i -> chosen.get(i).tokens()).sum();
    return new Merge(new Chosen(Passage.of(hits, merged.start(), merged.text()), cost), List.copyOf(absorbed), cost - freed);
  }

  /** The union of two spans of one document that overlap or touch: both texts are slices of the same text. */
  private static Piece union(Piece a, Piece b) {
    if (b.start() < a.start()) {
      return union(b, a);
    }
    return b.end() <= a.end() ? a : new Piece(a.start(), a.text() + b.text().substring(a.end() - b.start()));
  }

  private static Passage withHit(Passage p, Hit hit) {
    List<Hit> hits = new ArrayList<>(p.hits());
    hits.add(hit);
    return new Passage(p.documentId(), p.title(), p.source(), p.headingPath(), p.page(), p.startOffset(),
        p.endOffset(), p.text(), hits);
  }

  private static int indexOf(List<Chosen> chosen, Predicate<Passage> test) {
    for (int i = 0; i < chosen.size(); i++) {
      if (test.test(chosen.get(i).passage())) {
        return i;
      }
    }
    return -1;
  }
}
