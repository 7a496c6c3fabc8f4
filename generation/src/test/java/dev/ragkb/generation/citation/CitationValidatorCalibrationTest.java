package dev.ragkb.generation.citation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Answer;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.Hit;
import dev.ragkb.generation.context.Passage;
import dev.ragkb.indexing.onnx.OnnxEmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates {@link CitationValidator.Settings#defaults()} on the real bge-small-en-v1.5: claims
 * that restate or paraphrase their passage must pass, claims about something the passage does not
 * say must be flagged. The similarities are logged, to recalibrate when the model changes.
 */
class CitationValidatorCalibrationTest {

  private static final Logger log = LoggerFactory.getLogger(CitationValidatorCalibrationTest.class);

  private static ExecutorService pool;
  private static OnnxEmbeddingModel bge;

  @BeforeAll
  static void load() {
    pool = Executors.newFixedThreadPool(2);
    bge = new OnnxEmbeddingModel(new OnnxEmbeddingModel.Settings(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q, ""), pool);
  }

  @AfterAll
  static void stop() {
    pool.shutdown();
  }

  private static final List<Hit> PASSAGES = List.of(
      Fixtures.hit("router", 0, "Zephyr-9 router. To restore factory settings, hold the reset button for 17 seconds "
          + "until the light blinks orange. The router has two antennas.", 1),
      Fixtures.hit("travel", 0, "Employees travelling abroad receive a daily meal allowance of 62 euros. "
          + "Hotel costs are reimbursed up to 150 euros per night.", 1),
      Fixtures.hit("warranty", 0, "Warranty claims for the Aurora X2 must be filed within 45 days of purchase. "
          + "Claims need the original receipt.", 1));

  /** Claim, the passage it cites (index), and whether that passage supports it. */
  private record Example(String claim, int passage, boolean supported) {}

  private static final List<Example> EXAMPLES = List.of(
      new Example("Hold the reset button for 17 seconds to restore the factory settings", 0, true),
      new Example("A factory reset takes holding the reset button for seventeen seconds", 0, true),
      new Example("The daily meal allowance abroad is 62 euros", 1, true),
      new Example("Hotels are reimbursed up to 150 euros a night", 1, true),
      new Example("Aurora X2 warranty claims must be filed within 45 days", 2, true),
      new Example("You need the original receipt to file a claim", 2, true),
      new Example("The daily meal allowance abroad is 62 euros", 0, false),
      new Example("Invoices are issued on the first business day of the month", 1, false),
      new Example("The CEO founded the company in Oslo in 1998", 2, false),
      new Example("Parental leave lasts sixteen weeks at full pay", 0, false),
      new Example("The cafeteria opens at 7:30 on weekdays", 1, false));

  @Test
  void theDefaultThresholdSeparatesSupportedFromUnsupportedClaims() {
    var validator = new CitationValidator(bge, CitationValidator.Settings.defaults());
    for (Example e : EXAMPLES) {
      Answer a = validator.validate(e.claim() + " [1].", List.of(Passage.of(PASSAGES.get(e.passage()))));
      double similarity = a.unsupported().isEmpty() ? Double.NaN : a.unsupported().getFirst().similarity();
      log.info("supported={} flagged={} similarity={} claim={}", e.supported(), !a.unsupported().isEmpty(), similarity, e.claim());
      assertThat(a.unsupported().isEmpty()).as("%s (passage %d)", e.claim(), e.passage()).isEqualTo(e.supported());
    }
  }

  /** For calibration: the similarities of every example, supported or not. */
  @Test
  void supportedClaimsScoreAboveUnsupportedOnes() {
    var strict = new CitationValidator(bge, new CitationValidator.Settings(1.0));
    double minSupported = 1;
    double maxUnsupported = -1;
    for (Example e : EXAMPLES) {
      double s = strict.validate(e.claim() + " [1].", List.of(Passage.of(PASSAGES.get(e.passage())))).unsupported().getFirst().similarity();
      log.info("calibration supported={} similarity={} claim={}", e.supported(), String.format("%.3f", s), e.claim());
      if (e.supported()) {
        minSupported = Math.min(minSupported, s);
      } else {
        maxUnsupported = Math.max(maxUnsupported, s);
      }
    }
    log.info("calibration: lowest supported {}, highest unsupported {}", minSupported, maxUnsupported);
    assertThat(minSupported).isGreaterThan(maxUnsupported);
    assertThat(CitationValidator.Settings.defaults().minSupport()).isBetween(maxUnsupported, minSupported);
  }
}
