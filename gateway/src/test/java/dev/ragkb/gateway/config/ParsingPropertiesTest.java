package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.parsing.TikaDocumentParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ParsingPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ParsingProperties.class)
  static class Bound {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void defaultsToTheParsersLimitsWithOcrInEnglishAndChinese() {
    runner.run(context -> {
      TikaDocumentParser.Settings settings = context.getBean(ParsingProperties.class).toSettings(1_000);

      assertThat(settings).isEqualTo(TikaDocumentParser.Settings.defaults(1_000)
          .withOcr(TikaDocumentParser.Ocr.WHEN_INSTALLED, "eng+chi_sim"));
    });
  }

  @Test
  void bindsEverySettingFromProperties() {
    runner.withPropertyValues("ragkb.parsing.timeout=30s", "ragkb.parsing.max-text-chars=1000",
            "ragkb.parsing.max-embedded-depth=2", "ragkb.parsing.max-embedded-documents=50",
            "ragkb.parsing.ocr=disabled", "ragkb.parsing.ocr-languages=eng")
        .run(context -> assertThat(context.getBean(ParsingProperties.class).toSettings(5_000))
            .isEqualTo(new TikaDocumentParser.Settings(
                5_000, 1_000, Duration.ofSeconds(30), 2, 50, TikaDocumentParser.Ocr.DISABLED, "eng")));
  }

  @Test
  void rejectsLanguagesThatAreNotTesseractCodes() {
    runner.withPropertyValues("ragkb.parsing.ocr-languages=eng; rm -rf /")
        .run(context -> assertThat(context).hasFailed());
  }
}
