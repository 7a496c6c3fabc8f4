package dev.ragkb.retrieval.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermVectorsTest {

  @Test
  void weighsTermsByHowFewOfTheTextsShareThem() {
    var v = TermVectors.of(List.of(
        "Solar panel output falls in winter",
        "solar panel output DROPS in winter",
        "Wind turbines need regular maintenance",
        "Solar panel output falls in winter"));

    // n = 4. Texts 0 and 1 share five terms; of those, "solar panel output in winter" occur in three
    // texts (idf ln(5/3)); "falls" occurs in two (idf ln(5/2)), "drops" in one (idf ln 5). Every tf is 1.
    double shared = 5 * sq(Math.log(5 / 3.0));
    double expected = shared / Math.sqrt((shared + sq(Math.log(5 / 2.0))) * (shared + sq(Math.log(5))));
    assertThat(v.cosine(0, 1)).isCloseTo(expected, within(1e-12));
    assertThat(v.cosine(1, 0)).isCloseTo(expected, within(1e-12));
    assertThat(v.cosine(0, 3)).isCloseTo(1, within(1e-12));
    assertThat(v.cosine(0, 2)).isZero();
  }

  @Test
  void aTextWithoutTermsIsSimilarToNothing() {
    var v = TermVectors.of(List.of("", "...", "reset the router"));

    assertThat(v.cosine(0, 2)).isZero();
    assertThat(v.cosine(1, 1)).isZero();
  }

  @Test
  void splitsChineseIntoIdeographsWithoutALanguageSetting() {
    var v = TermVectors.of(List.of("重置路由器", "重置路由器", "发票每月开具"));

    assertThat(v.cosine(0, 1)).isCloseTo(1, within(1e-12));
    assertThat(v.cosine(0, 2)).isZero();
  }

  private static double sq(double x) {
    return x * x;
  }
}
