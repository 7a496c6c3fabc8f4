package dev.ragkb.generation.citation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.TestSeed;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CitationMarkersTest {

  private static String stream(CitationMarkers markers, String... pieces) {
    StringBuilder out = new StringBuilder();
    for (String p : pieces) {
      out.append(markers.accept(p));
    }
    return out.append(markers.finish()).toString();
  }

  @Test
  void parsesAMarkerSplitAcrossTokens() {
    var markers = new CitationMarkers(3);
    assertThat(stream(markers, "Hold it 17 seconds", " [", "2", "]", ".")).isEqualTo("Hold it 17 seconds [1].");
    assertThat(markers.citedSources()).containsExactly(2);
  }

  @Test
  void holdsBackAPossibleMarkerUntilItIsDecided() {
    var markers = new CitationMarkers(3);
    assertThat(markers.accept("seconds [")).isEqualTo("seconds");
    assertThat(markers.accept("1")).isEmpty();
    assertThat(markers.accept("]")).isEqualTo(" [1]");
  }

  @Test
  void renumbersSourcesInOrderOfFirstCitation() {
    var markers = new CitationMarkers(5);
    assertThat(stream(markers, "A [4]. B [2]. C [4][2].")).isEqualTo("A [1]. B [2]. C [1][2].");
    assertThat(markers.citedSources()).containsExactly(4, 2);
  }

  @Test
  void dropsMarkersThatPointAtNoSourceWithTheirSpace() {
    var markers = new CitationMarkers(2);
    assertThat(stream(markers, "A [7]. B [0] and [2].")).isEqualTo("A. B and [1].");
    assertThat(markers.citedSources()).containsExactly(2);
  }

  @Test
  void splitsAListOfNumbersIntoSeparateMarkersKeepingTheValidOnes() {
    var markers = new CitationMarkers(3);
    assertThat(stream(markers, "Both [3, 9, 1].")).isEqualTo("Both [1][2].");
    assertThat(markers.citedSources()).containsExactly(3, 1);
  }

  @Test
  void leavesBracketsThatAreNotMarkersAlone() {
    var markers = new CitationMarkers(3);
    String text = "Use array[i] or [a, b] or [see below] and [ ] plus a [long bracketed 1 2 3 4 5 6 7 8 9 text].  Done [";
    assertThat(stream(markers, text)).isEqualTo(text);
    assertThat(markers.citedSources()).isEmpty();
  }

  /** However the text is cut into tokens, the result is the same as for the whole text. */
  @RepeatedTest(20)
  void givesTheSameResultForAnySplitIntoTokens() {
    TestSeed seed = TestSeed.of("givesTheSameResultForAnySplitIntoTokens");
    Random random = seed.random();
    String text = "Claim one [2]. Claim two [1, 2] and a bad one [9]. A note [x] stays. End [1]";
    String whole = stream(new CitationMarkers(2), text);
    StringBuilder out = new StringBuilder();
    var markers = new CitationMarkers(2);
    for (int i = 0; i < text.length(); ) {
      int j = Math.min(text.length(), i + 1 + random.nextInt(4));
      out.append(markers.accept(text.substring(i, j)));
      i = j;
    }
    out.append(markers.finish());
    assertThat(out.toString()).as("%s", seed).isEqualTo(whole);
    assertThat(whole).isEqualTo("Claim one [1]. Claim two [2][1] and a bad one. A note [x] stays. End [2]");
    assertThat(markers.citedSources()).isEqualTo(List.of(2, 1));
  }
}
