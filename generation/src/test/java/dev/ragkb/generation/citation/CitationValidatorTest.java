package dev.ragkb.generation.citation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Answer;
import dev.ragkb.core.Citation;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.UnsupportedClaim;
import dev.ragkb.generation.context.ContextAssembler;
import dev.ragkb.generation.context.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationValidatorTest {

  private final CitationValidator validator =
      new CitationValidator(new HashingEmbeddingModel(512), new CitationValidator.Settings(0.5));

  private final Hit router = Fixtures.hit("router", 0,
      "The router has two antennas. Hold the reset button for 17 seconds to restore factory settings.", 0.9);
  private final Hit billing = Fixtures.hit("billing", 0, "Invoices are issued on the first business day.", 0.8);

  @Test
  void citesEachCitedSourceWithTheSentenceThatSupportsItAndItsOffsets() {
    Answer a = validator.validate("Hold the reset button for 17 seconds [1]. Invoices are issued on the first business day [2].",
        List.of(Passage.of(router), Passage.of(billing)));

    assertThat(a.abstained()).isFalse();
    assertThat(a.unsupported()).isEmpty();
    Citation first = a.citations().getFirst();
    assertThat(first.n()).isEqualTo(1);
    assertThat(first.documentId()).isEqualTo("router");
    assertThat(first.snippet()).isEqualTo("Hold the reset button for 17 seconds to restore factory settings.");
    assertThat(router.chunk().text().substring(first.snippetStart(), first.snippetEnd())).isEqualTo(first.snippet());
    assertThat(a.citations()).extracting(Citation::n).containsExactly(1, 2);
  }

  @Test
  void flagsASentenceItsCitedSourceDoesNotSupport() {
    Answer a = validator.validate("Invoices are issued on the first business day [1]. Hold the reset button for 17 seconds [1].",
        List.of(Passage.of(billing)));

    assertThat(a.unsupported()).extracting(UnsupportedClaim::sentence).containsExactly("Hold the reset button for 17 seconds.");
    assertThat(a.unsupported().getFirst().n()).isEqualTo(1);
  }

  @Test
  void attachesAMarkerAfterTheFullStopToTheSentenceBefore() {
    Answer a = validator.validate("Hold the reset button for 17 seconds. [1] Invoices are issued on the first business day. [2]",
        List.of(Passage.of(router), Passage.of(billing)));

    assertThat(a.unsupported()).isEmpty();
    assertThat(a.citations().get(1).snippet()).isEqualTo("Invoices are issued on the first business day.");
  }

  @Test
  void judgesAndCitesAgainstThePassageTheGeneratorReadNotTheMatchedChunk() {
    String doc = "Router manual.\n\n" + router.chunk().text();
    Hit antennas = Fixtures.childHit("router", doc, "The router has two antennas.", router.chunk().text(), 0.9);
    Passage section = new ContextAssembler(text -> text.split("\\s+").length, new ContextAssembler.Settings(true, 1000, 1000))
        .assemble(List.of(antennas)).getFirst();

    Answer a = validator.validate("Hold the reset button for 17 seconds [1].", List.of(section));

    assertThat(a.unsupported()).isEmpty();
    Citation c = a.citations().getFirst();
    assertThat(c.snippet()).isEqualTo("Hold the reset button for 17 seconds to restore factory settings.")
        .isEqualTo(doc.substring(c.snippetStart(), c.snippetEnd()));
    assertThat(c.chunkId()).isEqualTo(antennas.chunk().id());
  }

  @Test
  void abstainsWhenNothingIsCited() {
    assertThat(validator.validate("The sky is green.", List.of()).abstained()).isTrue();
  }
}
