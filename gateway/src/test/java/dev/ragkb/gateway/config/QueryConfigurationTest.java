package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.FollowUpCondenser;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.generation.openai.LlmFollowUpCondenser;
import dev.ragkb.indexing.lucene.LuceneIndex;
import dev.ragkb.retrieval.highlight.HitHighlighter;
import dev.ragkb.retrieval.hybrid.Ranking;
import dev.ragkb.retrieval.query.QueryCondenser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class QueryConfigurationTest {

  @TempDir static Path indexDir;

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({RetrievalProperties.class, RerankerProperties.class, GeneratorProperties.class})
  static class Dependencies {
    @Bean(destroyMethod = "close")
    LuceneIndex index() {
      return new LuceneIndex(indexDir, kb -> "en");
    }

    @Bean
    KnowledgeBaseEmbeddings knowledgeBaseEmbeddings() {
      return kbId -> new HashingEmbeddingModel(8);
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(Dependencies.class, QueryConfiguration.class);

  @Test
  void theDefaultRankingIsLinearMinMaxFusionWithoutDiversification() {
    runner.run(context -> assertThat(context.getBean(Ranking.class))
        .isEqualTo(new Ranking(FusionMethod.LINEAR_MIN_MAX, 0.6, 60, 1)));
  }

  @Test
  void takesTheDefaultRankingFromProperties() {
    runner.withPropertyValues("ragkb.retrieval.fusion=rrf", "ragkb.retrieval.rrf-k=20", "ragkb.retrieval.mmr-lambda=0.8")
        .run(context -> assertThat(context.getBean(Ranking.class)).isEqualTo(new Ranking(FusionMethod.RRF, 0.6, 20, 0.8)));
  }

  @Test
  void refusesToStartWithAnUnknownFusionOrAnOutOfRangeLambda() {
    runner.withPropertyValues("ragkb.retrieval.fusion=borda").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("ragkb.retrieval.mmr-lambda=1.5").run(context -> assertThat(context).hasFailed());
  }

  @Test
  void condensesFollowUpsWithTheLlmOnlyWhenOneIsConfigured() {
    runner.run(context -> assertThat(context.getBean(FollowUpCondenser.class)).isInstanceOf(QueryCondenser.class));
    runner.withUserConfiguration(GenerationConfiguration.class)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(TokenCounter.class, () -> text -> text.length())
        .withBean(EmbeddingModel.class, () -> new HashingEmbeddingModel(8))
        .withPropertyValues("ragkb.generator.url=http://127.0.0.1:9", "ragkb.generator.model=m")
        .run(context -> assertThat(context.getBean(FollowUpCondenser.class)).isInstanceOf(LlmFollowUpCondenser.class));
  }

  @Test
  void highlightsHitsWithTheConfiguredFragmentCount() {
    String text = "Backups run nightly. " + "Unrelated words fill this sentence up. ".repeat(20) + "Backups are kept.";
    runner.withPropertyValues("ragkb.retrieval.highlight-fragments=1").run(context ->
        assertThat(context.getBean(HitHighlighter.class).highlight("en", "backup", text)).hasSize(1));
    runner.run(context -> assertThat(context.getBean(HitHighlighter.class).highlight("en", "backup", text)).hasSize(2));
  }

  @Test
  void refusesToStartWithFragmentsTooShortForAFewWords() {
    runner.withPropertyValues("ragkb.retrieval.highlight-chars=10").run(context -> assertThat(context).hasFailed());
  }
}
