package dev.ragkb.gateway.config;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Generator;
import dev.ragkb.core.TokenCounter;
import dev.ragkb.generation.Generators;
import dev.ragkb.generation.citation.CitationValidator;
import dev.ragkb.generation.context.ContextAssembler;
import dev.ragkb.generation.extractive.ExtractiveGenerator;
import dev.ragkb.generation.fallback.FallbackGenerator;
import dev.ragkb.generation.openai.OpenAiChatClient;
import dev.ragkb.generation.openai.OpenAiCompatibleGenerator;
import dev.ragkb.generation.prompt.PromptBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The generator: extractive when {@code ragkb.generator.url} is unset; otherwise the
 * OpenAI-compatible LLM, falling back to extractive (flagged degraded) when it fails.
 */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

  /** Set and not blank: an empty RAGKB_GENERATOR_URL means "no LLM", as if it were unset. */
  private static final String LLM_CONFIGURED = "!'${ragkb.generator.url:}'.isBlank()";

  /** HTTP to the LLM blocks on I/O: virtual threads. */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression(LLM_CONFIGURED)
  ExecutorService generatorExecutor() {
    return Executors.newVirtualThreadPerTaskExecutor();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression(LLM_CONFIGURED)
  @ConditionalOnMissingBean
  OpenAiChatClient openAiChatClient(GeneratorProperties p, @Qualifier("generatorExecutor") ExecutorService executor,
      MeterRegistry meters) {
    if (p.url() == null || p.model().isBlank()) {
      // url is set (the condition above), so only the model can be missing
      throw new IllegalStateException("ragkb.generator.model must name the served model when ragkb.generator.url is set");
    }
    var b = p.breaker();
    return new OpenAiChatClient(new OpenAiChatClient.Settings(p.url(), p.apiKey(), p.connectTimeout(),
        p.firstTokenTimeout(), p.totalTimeout(), p.maxAttempts(), p.initialBackoff(), p.maxBackoff(),
        new OpenAiChatClient.Breaker(b.window(), b.minimumCalls(), b.failureRatePercent(), b.openFor())), executor, meters);
  }

  @Bean
  @ConditionalOnMissingBean
  ContextAssembler contextAssembler(TokenCounter tokens, GeneratorProperties p) {
    var c = p.context();
    return new ContextAssembler(tokens, new ContextAssembler.Settings(c.smallToBig(), c.maxTokens(), c.maxPassageTokens()));
  }

  /**
   * The generator of each embedding model, made once per model: the extractive generator and the
   * citation checks embed with the model of the knowledge base asked, like its retrieval.
   */
  @Bean
  @ConditionalOnMissingBean
  Generators generators(TokenCounter tokens, ContextAssembler context, GeneratorProperties p,
      ObjectProvider<OpenAiChatClient> llm) {
    OpenAiChatClient client = llm.getIfAvailable();
    Map<EmbeddingModel, Generator> made = new ConcurrentHashMap<>();
    return model -> made.computeIfAbsent(model, embeddings -> generator(embeddings, tokens, context, p, client));
  }

  private static Generator generator(EmbeddingModel embeddings, TokenCounter tokens, ContextAssembler context,
      GeneratorProperties p, @Nullable OpenAiChatClient client) {
    var extractive = new ExtractiveGenerator(embeddings, context, new ExtractiveGenerator.Settings(p.maxSources(),
        p.maxSentences(), p.minScore(), p.relativeCutoff(), p.snippetChars()));
    if (client == null) {
      return extractive;
    }
    var openAi = new OpenAiCompatibleGenerator(client,
        new PromptBuilder(tokens, context, new PromptBuilder.Settings(p.contextWindow(), p.maxTokens())),
        new CitationValidator(embeddings, new CitationValidator.Settings(p.minSupport())),
        new OpenAiCompatibleGenerator.Settings(p.model(), p.temperature(), p.topP(), p.maxTokens(), p.includeUsage()));
    return new FallbackGenerator(openAi, extractive);
  }
}
