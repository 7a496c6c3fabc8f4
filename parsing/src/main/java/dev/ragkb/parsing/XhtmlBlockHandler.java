package dev.ragkb.parsing;

import dev.ragkb.core.UnparseableDocumentException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.tika.exception.WriteLimitReachedException;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Walks the XHTML events that Tika emits for any format and feeds headings and blocks to a {@link BlockAssembler}.
 *
 * <p>{@code h1..h6} open sections; the text between block-level tags becomes one block, so text lying directly in
 * a {@code div} or {@code body} (Tika's HTML mapper drops most {@code div}s) is kept. The rows of a table become
 * Markdown-style rows, {@code "| a | b |"}; everything inside a cell, nested tables included, stays in the cell.
 * PDF pages arrive as {@code <div class="page">}, PowerPoint slides as {@code <div class="slide-content">};
 * slide-master text (footers repeated on every slide) is skipped. Every event first asks the {@link ParseSession}
 * whether to go on, so an aborted or interrupted parse ends at the next event. Single use and not thread-safe.
 */
final class XhtmlBlockHandler extends DefaultHandler {

  /**
   * Which {@code div} class marks a page. Only PDF pages and presentation slides are reported (the contract of
   * {@link Block#page}), so other formats use {@code NONE} and a page-classed div they may carry is not taken for a
   * page.
   */
  enum Pagination {
    PAGE_DIVS("page"),
    SLIDE_DIVS("slide-content"),
    NONE("");

    private final String divClass;

    Pagination(String divClass) {
      this.divClass = divClass;
    }
  }

  private static final Set<String> BLOCK_TAGS = Set.of(
      "p", "li", "pre", "blockquote", "div", "dt", "dd", "ul", "ol", "dl", "address", "section", "article",
      "aside", "header", "footer", "nav", "main", "figure", "figcaption", "caption", "hr", "body", "table");
  private static final Set<String> SKIPPED_TAGS = Set.of("head", "title", "script", "style");
  private static final Set<String> SKIPPED_DIV_CLASSES = Set.of("slide-master-content");
  /**
   * Past this many characters, text that outgrows the file {@value #MAX_CHARS_PER_INPUT_BYTE} times over is taken
   * for a decompression bomb. Both numbers are the defaults of Tika's SecureContentHandler, which does not see the
   * text of embedded documents that we split ourselves.
   */
  private static final long BOMB_THRESHOLD_CHARS = 1_000_000;
  private static final long MAX_CHARS_PER_INPUT_BYTE = 100;

  private final BlockAssembler out;
  private final Pagination pagination;
  private final int maxChars;
  private final ParseSession session;
  private final LongSupplier bytesRead;
  private final StringBuilder text = new StringBuilder();
  private final Deque<Boolean> divIsPage = new ArrayDeque<>();
  private final List<String> rowCells = new ArrayList<>();
  private final List<Integer> pagesWithoutText = new ArrayList<>();
  private int chars;
  private int skipDepth;
  private int headingLevel;
  private int pages;
  private int openPages;
  private boolean pageHasText;
  private int tableDepth;
  private int cellDepth;
  private int embeddedDepth;

  /**
   * @param maxChars the most characters of text the whole parse may yield
   * @param bytesRead how many bytes of the file were read so far, to tell a bomb from a large document
   */
  XhtmlBlockHandler(
      BlockAssembler out, Pagination pagination, int maxChars, ParseSession session, LongSupplier bytesRead) {
    this.out = out;
    this.pagination = pagination;
    this.maxChars = maxChars;
    this.session = session;
    this.bytesRead = bytesRead;
  }

  /** The 1-based pages (or slides) that held no text at all, in order: scans, when the format is PDF. */
  List<Integer> pagesWithoutText() {
    return List.copyOf(pagesWithoutText);
  }

  /** How many pages (or slides) were seen. */
  int pages() {
    return pages;
  }

  /** An embedded document begins: what came before it is one block, its content sits under its own name. */
  void startEmbedded(String name) {
    if (cellDepth == 0 && headingLevel == 0) {
      flushRow();
    }
    embeddedDepth++;
    out.enterEmbedded(name);
  }

  void endEmbedded() {
    if (cellDepth == 0 && headingLevel == 0) {
      flushRow();
    }
    embeddedDepth--;
    out.exitEmbedded();
  }

  /** How many more characters the text limit and the bomb ratio allow. */
  int remainingChars() {
    long bombLimit = Math.max(BOMB_THRESHOLD_CHARS, MAX_CHARS_PER_INPUT_BYTE * bytesRead.getAsLong());
    return (int) Math.max(0, Math.min(maxChars, bombLimit) - chars);
  }

  /**
   * Adds plain text or Markdown that bypassed Tika (an embedded {@code .md} or {@code .txt}, which Tika would pass as
   * one paragraph), split into blocks and headings as a top-level text file is.
   */
  void plainText(String content, TextBlockReader.Syntax syntax) throws SAXException {
    session.check();
    chars += content.length();
    checkTextLimits();
    new TextBlockReader(syntax, out).read(content);
  }

  /** Counts text that was refused for being longer than {@link #remainingChars()}: aborts the parse. */
  void refusedText() throws WriteLimitReachedException {
    chars += remainingChars() + 1;
    checkTextLimits();
  }

  /** Aborts the parse when the text outgrew the limit, or the file so far that it must be a bomb. */
  void checkTextLimits() throws WriteLimitReachedException {
    if (chars > maxChars) {
      session.abort(new UnparseableDocumentException(UnparseableDocumentException.Reason.TOO_LARGE,
          "extracted text exceeds the limit of " + maxChars + " characters"));
      throw new WriteLimitReachedException(maxChars);
    }
    long bytes = Math.max(1, bytesRead.getAsLong());
    if (chars > BOMB_THRESHOLD_CHARS && chars > MAX_CHARS_PER_INPUT_BYTE * bytes) {
      session.abort(new UnparseableDocumentException(UnparseableDocumentException.Reason.SUSPECTED_BOMB,
          "suspected decompression bomb: " + bytes + " bytes expand to more than " + chars + " characters"));
      throw new WriteLimitReachedException(chars);
    }
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
    session.check();
    String tag = tagName(localName, qName);
    if (SKIPPED_TAGS.contains(tag) || skipDepth > 0
        || (tag.equals("div") && SKIPPED_DIV_CLASSES.contains(String.valueOf(atts.getValue("class"))))) {
      skipDepth++;
      return;
    }
    if (cellDepth > 0) {
      startInsideCell(tag);
    } else if (headingLevel(tag) > 0) {
      flushBlock();
      headingLevel = headingLevel(tag);
    } else if (tag.equals("tr")) {
      flushRow();
    } else if (tag.equals("td") || tag.equals("th")) {
      flushBlock();
      cellDepth = 1;
    } else if (BLOCK_TAGS.contains(tag)) {
      flushBlock();
    } else if (tag.equals("br")) {
      text.append(' ');
    }
    if (tag.equals("table")) {
      tableDepth++;
    }
    if (tag.equals("div")) {
      boolean page = pagination != Pagination.NONE && embeddedDepth == 0
          && pagination.divClass.equals(atts.getValue("class"));
      divIsPage.push(page);
      if (page) {
        pages++;
        openPages++;
        pageHasText = false;
      }
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    session.check();
    String tag = tagName(localName, qName);
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (tag.equals("table")) {
      tableDepth--;
    }
    if (cellDepth > 0) {
      endInsideCell(tag);
    } else if (headingLevel > 0) {
      if (headingLevel(tag) == headingLevel) {
        out.heading(headingLevel, text.toString());
        text.setLength(0);
        headingLevel = 0;
      }
    } else if (tag.equals("tr") || (tag.equals("table") && tableDepth == 0)) {
      flushRow();
    } else if (BLOCK_TAGS.contains(tag)) {
      flushBlock();
    }
    if (tag.equals("div") && !divIsPage.isEmpty() && divIsPage.pop()) {
      flushRow();
      if (!pageHasText) {
        pagesWithoutText.add(pages);
      }
      openPages--;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    session.check();
    if (skipDepth > 0) {
      return;
    }
    chars += length;
    checkTextLimits();
    if (!pageHasText && openPages > 0) {
      for (int i = start; i < start + length && !pageHasText; i++) {
        pageHasText = !Character.isWhitespace(ch[i]);
      }
    }
    text.append(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    session.check();
    if (skipDepth == 0) {
      text.append(' ');
    }
  }

  @Override
  public void endDocument() {
    flushRow();
  }

  /** Inside a cell every tag only separates words, except the cell's own end which closes it. */
  private void startInsideCell(String tag) {
    if (tag.equals("td") || tag.equals("th")) {
      cellDepth++;
    }
    text.append(' ');
  }

  private void endInsideCell(String tag) {
    if ((tag.equals("td") || tag.equals("th")) && --cellDepth == 0) {
      rowCells.add(BlockAssembler.normalize(text).replace("|", "\\|"));
      text.setLength(0);
    } else {
      text.append(' ');
    }
  }

  private void flushBlock() {
    if (headingLevel == 0) {
      out.block(text.toString(), currentPage());
      text.setLength(0);
    }
  }

  /** Ends the current table row (and any text before it); a row of empty cells adds nothing. */
  private void flushRow() {
    flushBlock();
    if (rowCells.stream().anyMatch(cell -> !cell.isEmpty())) {
      out.block(markdownRow(rowCells), currentPage());
    }
    rowCells.clear();
  }

  /** {@code "| a | b |"}: a row of a Markdown table, which embedding models and LLMs read as a table. */
  static String markdownRow(List<String> cells) {
    StringBuilder row = new StringBuilder("|");
    for (String cell : cells) {
      row.append(' ').append(cell).append(" |");
    }
    return row.toString();
  }

  private @Nullable Integer currentPage() {
    return openPages > 0 ? pages : null;
  }

  private static int headingLevel(String tag) {
    boolean heading = tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
    return heading ? tag.charAt(1) - '0' : 0;
  }

  private static String tagName(String localName, String qName) {
    return (localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
  }
}
