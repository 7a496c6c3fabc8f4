package dev.ragkb.generation.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Answer;
import dev.ragkb.core.Citation;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.generation.context.ContextAssembler;
import dev.ragkb.generation.text.SentenceSplitter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExtractiveGeneratorTest {

  private static final ContextAssembler CONTEXT =
      new ContextAssembler(text -> text.split("\\s+").length, new ContextAssembler.Settings(true, 2048, 1024));

  private final ExtractiveGenerator generator =
      new ExtractiveGenerator(new HashingEmbeddingModel(256), CONTEXT, ExtractiveGenerator.Settings.defaults());

  private final List<Hit> sources =
      List.of(
          Fixtures.hit("billing", 0, "Invoices are issued on the first business day. Late payments incur a fee of 2 percent.", 0.9),
          Fixtures.hit("router", 0, "The router has two antennas. Hold the reset button for 17 seconds to restore factory settings.", 0.8),
          Fixtures.hit("onboarding", 0, "New employees receive a laptop on day one.", 0.7));

  @Test
  void answersWithTheBestMatchingSentenceCitingItsSourceAsOne() {
    Answer a = generator.generate("How long do I hold the reset button?", sources);

    assertThat(a.abstained()).isFalse();
    assertThat(a.answer()).startsWith("Hold the reset button for 17 seconds to restore factory settings. [1]");
    assertThat(a.citations().getFirst().documentId()).isEqualTo("router");
    assertThat(a.citations().getFirst().n()).isEqualTo(1);
  }

  @Test
  void citesExactlyTheSourcesItsMarkersName() {
    // a lower bar, so that sentences of several sources qualify
    var lenient = new ExtractiveGenerator(new HashingEmbeddingModel(256), CONTEXT, new ExtractiveGenerator.Settings(5, 3, 0.1, 0.0, 400));
    Answer a = lenient.generate("When are invoices issued, what fee do late payments incur, and what do employees receive?", sources);

    Matcher m = Pattern.compile("\\[(\\d+)]").matcher(a.answer());
    java.util.Set<Integer> markers = new java.util.TreeSet<>();
    while (m.find()) {
      markers.add(Integer.parseInt(m.group(1)));
    }
    assertThat(a.citations().stream().map(Citation::n).toList()).containsExactlyElementsOf(markers);
    assertThat(markers).first().isEqualTo(1);
    assertThat(a.citations()).hasSizeGreaterThan(1);
    assertThat(a.citations()).extracting(Citation::documentId).doesNotContain("router");
  }

  @Test
  void answersFromTheParentOfAMatchedChunkAndCitesTheQuotedSentenceWhereItStands() {
    String doc = "Router manual.\n\nThe router has two antennas. Hold the reset button for 17 seconds to restore factory settings.";
    String section = doc.substring(doc.indexOf("The router"));
    Hit antennas = Fixtures.childHit("router", doc, "The router has two antennas.", section, 0.9);

    Answer a = generator.generate("How long do I hold the reset button?", List.of(antennas));

    assertThat(a.answer()).startsWith("Hold the reset button for 17 seconds to restore factory settings. [1]");
    Citation c = a.citations().getFirst();
    assertThat(c.snippet()).contains("Hold the reset button for 17 seconds").isEqualTo(doc.substring(c.snippetStart(), c.snippetEnd()));
    assertThat(c.chunkId()).isEqualTo(antennas.chunk().id());
  }

  @Test
  void quotesStatementsNotQuestionsNorSentencesThatRepeatTheQuestion() {
    String doc = "How long do I hold the reset button? Run rag ask \"How long do I hold the reset button?\" --kb demo to try it. "
        + "Hold the reset button for 17 seconds to restore factory settings.";
    Hit faq = Hit.of(Fixtures.chunk("kb", "faq", 0, doc), 0.9);

    Answer a = generator.generate("How long do I hold the reset button?", List.of(faq));

    assertThat(a.answer()).isEqualTo("Hold the reset button for 17 seconds to restore factory settings. [1]");
  }

  @Test
  void aShortQuestionIsNotLookedForInsideSentences() {
    assertThat(ExtractiveGenerator.asksOrRepeats("Hold the reset button for 17 seconds.", "reset button")).isFalse();
    assertThat(ExtractiveGenerator.asksOrRepeats("按住重置按钮十七秒即可恢复出厂设置。", "重置按钮")).isFalse();
    assertThat(ExtractiveGenerator.asksOrRepeats("如何恢复出厂设置？", "恢复出厂设置")).isTrue();
  }

  @Test
  void abstainsWhenNoSentenceSupportsAnAnswer() {
    Answer a = generator.generate("What is the capital of Mongolia?", sources);

    assertThat(a.abstained()).isTrue();
    assertThat(a.citations()).isEmpty();
    assertThat(a.answer()).isEqualTo(Answer.NOT_FOUND);
  }

  @Test
  void abstainsWithoutSources() {
    assertThat(generator.generate("anything at all", List.of()).abstained()).isTrue();
  }

  @Test
  void splitsSentencesAtLatinAndCjkFullStops() {
    assertThat(SentenceSplitter.split("One two. Three four? 第一句。第二句！"))
        .containsExactly("One two.", "Three four?", "第一句。", "第二句！");
  }
}
