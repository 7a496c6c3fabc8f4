package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Generator;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.generation.Generators;
import dev.ragkb.generation.context.ContextAssembler;
import dev.ragkb.generation.extractive.ExtractiveGenerator;
import dev.ragkb.generation.fallback.FallbackGenerator;
import dev.ragkb.generation.openai.OpenAiChatClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GenerationConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GeneratorProperties.class)
  static class Dependencies {
    @Bean
    EmbeddingModel embeddingModel() {
      return new HashingEmbeddingModel(64);
    }

    @Bean
    TokenCounter tokenCounter() {
      return text -> text.length() / 4;
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(Dependencies.class, GenerationConfiguration.class);

  @Test
  void answersExtractivelyWithoutAGeneratorUrl() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Generators.class).doesNotHaveBean(OpenAiChatClient.class);
      assertThat(generator(context)).isInstanceOf(ExtractiveGenerator.class);
    });
  }

  @Test
  void bindsContextAssemblyUnderGeneratorContextWithSmallToBigOnByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(ContextAssembler.class);
      assertThat(context.getBean(GeneratorProperties.class).context())
          .isEqualTo(new GeneratorProperties.Context(true, 2048, 1024));
    });
    runner.withPropertyValues("ragkb.generator.context.small-to-big=false", "ragkb.generator.context.max-tokens=900",
            "ragkb.generator.context.max-passage-tokens=300")
        .run(context -> assertThat(context.getBean(GeneratorProperties.class).context())
            .isEqualTo(new GeneratorProperties.Context(false, 900, 300)));
  }

  @Test
  void treatsABlankUrlAsNoLlm() {
    runner.withPropertyValues("ragkb.generator.url=", "ragkb.generator.model=qwen")
        .run(context -> assertThat(generator(context)).isInstanceOf(ExtractiveGenerator.class));
  }

  @Test
  void usesTheLlmWithTheExtractiveFallbackWhenAUrlAndModelAreSet() {
    runner.withPropertyValues("ragkb.generator.url=http://127.0.0.1:9", "ragkb.generator.model=qwen2.5-7b-instruct",
            "ragkb.generator.first-token-timeout=10s", "ragkb.generator.breaker.window=5")
        .run(context -> {
          assertThat(context).hasSingleBean(OpenAiChatClient.class);
          assertThat(generator(context)).isInstanceOf(FallbackGenerator.class);
          assertThat(context.getBean(GeneratorProperties.class).breaker().window()).isEqualTo(5);
        });
  }

  @Test
  void neverPrintsTheApiKey() {
    runner.withPropertyValues("ragkb.generator.url=http://127.0.0.1:9", "ragkb.generator.model=m",
            "ragkb.generator.api-key=sk-do-not-log")
        .run(context -> {
          assertThat(context.getBean(GeneratorProperties.class).toString()).doesNotContain("sk-do-not-log")
              .contains("apiKey=****");
          assertThat(context.getBean(GeneratorProperties.class).apiKey()).isEqualTo("sk-do-not-log");
        });
  }

  @Test
  void refusesToStartWithAUrlButNoModel() {
    runner.withPropertyValues("ragkb.generator.url=http://127.0.0.1:9")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("ragkb.generator.model"));
  }

  @Test
  void makesOneGeneratorPerEmbeddingModel() {
    runner.run(context -> {
      var generators = context.getBean(Generators.class);
      var other = new HashingEmbeddingModel(32);

      assertThat(generators.forModel(other)).isSameAs(generators.forModel(other))
          .isNotSameAs(generator(context));
    });
  }

  @Test
  void aDeclaredGeneratorWins() {
    Generator mine = (q, s, stream) -> dev.ragkb.core.Answer.abstain();
    Generators declared = model -> mine;
    runner.withBean(Generators.class, () -> declared)
        .run(context -> assertThat(generator(context)).isSameAs(mine));
  }

  /** The generator of the default embedding model. */
  private static Generator generator(AssertableApplicationContext context) {
    return context.getBean(Generators.class).forModel(context.getBean(EmbeddingModel.class));
  }
}
