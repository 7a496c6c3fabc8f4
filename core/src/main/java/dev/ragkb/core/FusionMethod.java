package dev.ragkb.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the BM25 and kNN rankings of a search are merged. The wire names are public API. */
public enum FusionMethod {
  /** Reciprocal rank fusion: ranks only, scores ignored. */
  RRF("rrf"),
  /** Weighted sum of scores rescaled to [0, 1] per list (min-max). */
  LINEAR_MIN_MAX("linear-min-max"),
  /** Weighted sum of z-scores per list. */
  LINEAR_Z_SCORE("linear-z-score");

  private final String wireName;

  FusionMethod(String wireName) {
    this.wireName = wireName;
  }

  /** The name clients and configuration use, e.g. {@code linear-min-max}. */
  public String wireName() {
    return wireName;
  }

  /** @throws InvalidRequestException for a name that is none of {@link #names()} */
  public static FusionMethod of(String wireName) {
    String name = wireName.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new InvalidRequestException("unknown fusion '" + wireName + "'; known: " + names()));
  }

  /** The known wire names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(FusionMethod::wireName).collect(Collectors.joining(", "));
  }
}
