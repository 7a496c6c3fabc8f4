package dev.ragkb.retrieval.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentRouterTest {

  private final IntentRouter router = new IntentRouter();

  @ParameterizedTest
  @ValueSource(strings = {"hello", "Hi there!", "thanks a lot", "Thank you very much.", "good morning", "bye", "你好", "谢谢！", "merci", "hola"})
  void recognisesGreetingsThanksAndFarewells(String message) {
    assertThat(router.classify(message)).isEqualTo(Intent.SMALL_TALK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello, how do I reset my router?", "thanks, and what is the refund period?", "reset", "refund policy",
      "What is a good morning routine for the team?", "", "如何重置路由器？"})
  void treatsAnythingWithContentAsAQuestion(String message) {
    assertThat(router.classify(message)).isEqualTo(Intent.QUESTION);
  }
}
