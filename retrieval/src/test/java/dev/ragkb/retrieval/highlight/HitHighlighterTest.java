package dev.ragkb.retrieval.highlight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.indexing.lucene.Analyzers;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitHighlighterTest {

  private final HitHighlighter highlighter = new HitHighlighter(3, 200, Analyzers::forLanguage);

  @Test
  void marksTheStemOfAQueryWordInEnglish() {
    var fragments = highlighter.highlight("en", "resetting the router",
        "To reset a router, hold the button. Routers reset in ten seconds.");

    assertThat(fragments).hasSize(1);
    assertThat(marked(fragments.getFirst())).containsExactly("reset", "router", "Routers", "reset");
  }

  @Test
  void marksChineseWordsByTheirBigrams() {
    var fragments = highlighter.highlight("zh", "如何重置路由器", "路由器的重置方法很简单。按住按钮十秒钟即可。");

    assertThat(fragments).hasSize(1);
    // overlapping bigrams 路由 and 由器 join into one range
    assertThat(marked(fragments.getFirst())).containsExactly("路由器", "重置");
  }

  @Test
  void keepsMarkupInTheTextAsTextAndMarksOnlyTheWords() {
    String text = "<script>alert('x')</script> Reset the <b>router</b> &amp; wait.";

    var fragment = highlighter.highlight("en", "reset router", text).getFirst();

    assertThat(fragment.text()).isEqualTo(text);
    assertThat(marked(fragment)).containsExactly("Reset", "router");
  }

  @Test
  void givesTheBeginningWithoutMatchesWhenNoTermIsShared() {
    String text = "Hold the button for ten seconds. The lights blink twice. Then it restarts.";

    var fragments = highlighter.highlight("en", "factory defaults", text);

    assertThat(fragments).singleElement().satisfies(f -> {
      assertThat(f.matches()).isEmpty();
      assertThat(text).startsWith(f.text());
      assertThat(f.text()).startsWith("Hold the button");
    });
  }

  @Test
  void aQueryOfStopWordsAloneMatchesNothing() {
    assertThat(highlighter.highlight("en", "the of and", "The state of the art.").getFirst().matches()).isEmpty();
  }

  @Test
  void cutsALongTextIntoAFewBoundedFragmentsOfWholeWords() {
    String filler = "Nothing here concerns the topic of this query at all. ";
    String text = "The backup runs nightly. " + filler.repeat(8) + "A backup is kept for thirty days. "
        + filler.repeat(8) + "Restore a backup from the console. " + filler.repeat(8)
        + "Old backups are deleted. " + filler.repeat(8);
    var small = new HitHighlighter(3, 60, Analyzers::forLanguage);

    var fragments = small.highlight("en", "backup", text);

    assertThat(fragments).hasSize(3).allSatisfy(f -> {
      assertThat(f.text().length()).isLessThanOrEqualTo(60);
      assertThat(text).contains(f.text());
      assertThat(f.matches()).isNotEmpty();
      int at = text.indexOf(f.text());
      assertThat(at == 0 || !Character.isLetter(text.charAt(at - 1))).as("starts at a word: %s", f.text()).isTrue();
      int after = at + f.text().length();
      assertThat(after == text.length() || !Character.isLetter(text.charAt(after)))
          .as("ends at a word: %s", f.text()).isTrue();
    });
    // in the order of the text
    assertThat(fragments).extracting(f -> text.indexOf(f.text())).isSorted();
  }

  @Test
  void cutsOneOverlongSentenceAroundItsMatchAtWordBoundaries() {
    String text = "word ".repeat(100) + "the lighthouse keeper " + "word ".repeat(100);

    var fragment = new HitHighlighter(1, 50, Analyzers::forLanguage).highlight("en", "lighthouse", text).getFirst();

    assertThat(fragment.text().length()).isLessThanOrEqualTo(50);
    assertThat(fragment.text()).doesNotStartWith(" ").doesNotEndWith(" ").contains("lighthouse");
    assertThat(fragment.text().split(" ")).allMatch(w -> w.equals("word") || w.equals("the")
        || w.equals("lighthouse") || w.equals("keeper"));
    assertThat(marked(fragment)).containsExactly("lighthouse");
  }

  @Test
  void aBlankTextHasNoFragments() {
    assertThat(highlighter.highlight("en", "anything", "")).isEmpty();
  }

  private static List<String> marked(Highlight h) {
    return h.matches().stream().map(m -> h.text().substring(m.start(), m.end())).toList();
  }
}
