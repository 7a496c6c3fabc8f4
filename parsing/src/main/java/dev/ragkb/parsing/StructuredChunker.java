package dev.ragkb.parsing;

import dev.ragkb.core.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a {@link ParsedDocument} into chunks that follow its structure.
 *
 * <p>A section is a run of consecutive blocks with the same heading path on the same page; a chunk never spans
 * two sections, so the page a citation shows is the page its passage is on.
 * Within a section, whole blocks are packed greedily up to {@code maxTokens}; a block over the budget is cut into
 * sentences, a sentence over it into runs of words (see {@link BudgetSplitter}). Each chunk after the first of a
 * section starts with the last sentences of the previous one, up to about {@code overlapTokens}, so a fact that
 * straddles a cut is whole in at least one chunk; when no whole sentence fits the overlap, the last words do.
 *
 * <p>Parent/child: each section is first cut into parents of at most {@code parentMaxTokens} (whole blocks packed
 * greedily; a block over that budget cut as above), and chunks are cut within a parent, never across two. The small
 * chunks are what retrieval matches; the parent ({@link ChunkDraft#parentStartOffset()}..) is what a generator
 * reads around a match.
 *
 * <p>Guarantees: every chunk's text is exactly {@code doc.text().substring(startOffset, endOffset)}; no chunk
 * counts more than {@code maxTokens} unless it is a single character that does by itself; the parent contains the
 * chunk and lies within its section. Thread-safe when the {@link TokenCounter} is.
 */
public final class StructuredChunker {

  private final TokenCounter tokens;
  private final int overlapTokens;
  private final BudgetSplitter chunkBudget;
  private final @Nullable BudgetSplitter parentBudget;

  /**
   * A chunker whose parents are whole sections.
   *
   * @param tokens counts tokens as the embedding model will
   * @param maxTokens the most tokens in a chunk, at least 1
   * @param overlapTokens about how many tokens consecutive chunks of a section share, 0 to {@code maxTokens - 1}
   */
  public StructuredChunker(TokenCounter tokens, int maxTokens, int overlapTokens) {
    this(tokens, maxTokens, overlapTokens, Integer.MAX_VALUE);
  }

  /**
   * @param parentMaxTokens the most tokens in a parent passage, at least {@code maxTokens}; {@code
   *     Integer.MAX_VALUE} makes every section one parent, however long
   */
  public StructuredChunker(TokenCounter tokens, int maxTokens, int overlapTokens, int parentMaxTokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    if (overlapTokens < 0 || overlapTokens >= maxTokens) {
      throw new IllegalArgumentException(
          "overlapTokens must be in [0, maxTokens), got " + overlapTokens + " with maxTokens " + maxTokens);
    }
    if (parentMaxTokens < maxTokens) {
      throw new IllegalArgumentException(
          "parentMaxTokens must be at least maxTokens " + maxTokens + ", got " + parentMaxTokens);
    }
    this.overlapTokens = overlapTokens;
    this.chunkBudget = new BudgetSplitter(tokens, maxTokens);
    this.parentBudget = parentMaxTokens == Integer.MAX_VALUE ? null : new BudgetSplitter(tokens, parentMaxTokens);
  }

  /** The document's chunks in document order; empty when it has no blocks. */
  public List<ChunkDraft> chunk(ParsedDocument doc) {
    List<ChunkDraft> drafts = new ArrayList<>();
    List<Block> blocks = doc.blocks();
    int first = 0;
    while (first < blocks.size()) {
      int end = first + 1;
      while (end < blocks.size() && sameSection(blocks.get(first), blocks.get(end))) {
        end++;
      }
      List<Block> section = blocks.subList(first, end);
      for (Span parent : parents(doc.text(), section)) {
        chunkSection(doc.text(), section, parent, drafts);
      }
      first = end;
    }
    return List.copyOf(drafts);
  }

  private static boolean sameSection(Block a, Block b) {
    return a.headingPath().equals(b.headingPath()) && Objects.equals(a.page(), b.page());
  }

  /** The section's parents, in order: the whole section, or runs of its pieces that fit the parent budget. */
  private List<Span> parents(String text, List<Block> section) {
    Span whole = new Span(section.getFirst().startOffset(), section.getLast().endOffset());
    if (parentBudget == null || parentBudget.fits(text, whole.start(), whole.end())) {
      return List.of(whole);
    }
    List<Span> pieces = new ArrayList<>();
    for (Block block : section) {
      pieces.addAll(parentBudget.split(text, new Span(block.startOffset(), block.endOffset())));
    }
    List<Span> parents = new ArrayList<>();
    int next = 0;
    while (next < pieces.size()) {
      Span head = pieces.get(next);
      int last = BudgetSplitter.lastTrue(
          next, pieces.size() - 1, i -> parentBudget.fits(text, head.start(), pieces.get(i).end()));
      parents.add(new Span(head.start(), pieces.get(last).end()));
      next = last + 1;
    }
    return parents;
  }

  /** Cuts the part of {@code section} within {@code parent} into chunks. */
  private void chunkSection(String text, List<Block> section, Span parent, List<ChunkDraft> drafts) {
    List<Piece> pieces = new ArrayList<>();
    for (Block block : section) {
      int start = Math.max(block.startOffset(), parent.start());
      int end = Math.min(block.endOffset(), parent.end());
      if (start >= end) {
        continue;
      }
      for (Span span : chunkBudget.split(text, new Span(start, end))) {
        pieces.add(new Piece(span.start(), span.end(), block.page()));
      }
    }
    List<String> headingPath = section.getFirst().headingPath();
    Piece overlap = null;
    int next = 0;
    while (next < pieces.size()) {
      Piece first = pieces.get(next);
      Piece head = overlap != null && chunkBudget.fits(text, overlap.start(), first.end()) ? overlap : first;
      int last = BudgetSplitter.lastTrue(
          next, pieces.size() - 1, i -> chunkBudget.fits(text, head.start(), pieces.get(i).end()));
      int end = pieces.get(last).end();
      drafts.add(new ChunkDraft(text.substring(head.start(), end), headingPath, head.page(), head.start(), end,
          parent.start(), parent.end()));
      next = last + 1;
      overlap = next < pieces.size() ? overlapOf(text, head.start(), end, pieces) : null;
    }
  }

  /** Where the next chunk should start to repeat the tail of {@code text[start, end)}; null for no overlap. */
  private @Nullable Piece overlapOf(String text, int start, int end, List<Piece> pieces) {
    if (overlapTokens == 0) {
      return null;
    }
    List<Span> sentences = TextSpans.sentences(text, start, end);
    int from = tailStart(text, sentences, start, end);
    if (from < 0) {
      from = tailStart(text, TextSpans.words(text, sentences.getLast().start(), end), start, end);
    }
    if (from < 0) {
      return null;
    }
    Integer page = null;
    for (Piece piece : pieces) {
      if (piece.start() <= from) {
        page = piece.page();
      }
    }
    return new Piece(from, end, page);
  }

  /**
   * The start of the longest run of trailing {@code spans} that fits {@code overlapTokens}, leaving out a span
   * that begins the chunk (repeating a whole chunk is no overlap); -1 when not even the last span fits.
   */
  private int tailStart(String text, List<Span> spans, int chunkStart, int end) {
    int candidates = (int) spans.stream().filter(span -> span.start() > chunkStart).count();
    if (candidates == 0 || !fitsOverlap(text, spans.getLast().start(), end)) {
      return -1;
    }
    int k = BudgetSplitter.lastTrue(1, candidates, n -> fitsOverlap(text, spans.get(spans.size() - n).start(), end));
    return spans.get(spans.size() - k).start();
  }

  private boolean fitsOverlap(String text, int start, int end) {
    return tokens.count(text.substring(start, end)) <= overlapTokens;
  }

  /** A slice of the document text that fits the budget, with the page of the block it comes from. */
  private record Piece(int start, int end, @Nullable Integer page) {}
}
