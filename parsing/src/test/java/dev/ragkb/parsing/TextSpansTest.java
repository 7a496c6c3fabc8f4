package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSpansTest {

  @Test
  void endsSentencesAtTerminalPunctuationFollowedBySpace() {
    assertThat(sentences("Is it ready? Yes! Pi is 3.14 today. Done"))
        .containsExactly("Is it ready?", "Yes!", "Pi is 3.14 today.", "Done");
  }

  @Test
  void endsCjkSentencesAtFullwidthStopsAndEllipses() {
    assertThat(sentences("一句．二句｡三句……四句")).containsExactly("一句．", "二句｡", "三句……", "四句");
  }

  @Test
  void cutsClausesAtCjkAndLatinCommasSemicolonsAndColons() {
    String text = "首先，打开设置、选择账户；然后：保存 and then, slowly; done:now";
    assertThat(TextSpans.clauses(text, 0, text.length()).stream().map(s -> text.substring(s.start(), s.end())))
        .containsExactly("首先，", "打开设置、", "选择账户；", "然后：", "保存 and then,", "slowly;", "done:now");
  }

  @Test
  void endsCjkSentencesAtFullStopsWithoutSpaces() {
    assertThat(sentences("第一句。第二句！第三句？尾巴")).containsExactly("第一句。", "第二句！", "第三句？", "尾巴");
  }

  @Test
  void keepsClosingQuotesWithTheirSentence() {
    assertThat(sentences("He said \"stop.\" Then left. 他说：「好。」然后走了。"))
        .containsExactly("He said \"stop.\"", "Then left.", "他说：「好。」", "然后走了。");
  }

  @Test
  void endsSentencesAtLineBreaksBetweenBlocks() {
    assertThat(sentences("A heading without a stop\n\nNext block.")).containsExactly("A heading without a stop", "Next block.");
  }

  @Test
  void findsSentencesOnlyWithinTheGivenRange() {
    String text = "Skip this. Take this one. And this. Skip too.";
    int from = text.indexOf("Take");
    int to = text.indexOf(" Skip too");

    List<Span> spans = TextSpans.sentences(text, from, to);

    assertThat(spans).extracting(span -> text.substring(span.start(), span.end()))
        .containsExactly("Take this one.", "And this.");
  }

  @Test
  void findsWordsBetweenRunsOfWhitespace() {
    String text = "  one\ttwo   three ";

    assertThat(TextSpans.words(text, 0, text.length()))
        .extracting(span -> text.substring(span.start(), span.end()))
        .containsExactly("one", "two", "three");
  }

  private static List<String> sentences(String text) {
    return TextSpans.sentences(text, 0, text.length()).stream()
        .map(span -> text.substring(span.start(), span.end()))
        .toList();
  }
}
