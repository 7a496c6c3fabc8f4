package dev.ragkb.retrieval.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCondenserTest {

  private final QueryCondenser condenser = new QueryCondenser();

  @Test
  void carriesTheSubjectIntoAFollowUpThatRefersToIt() {
    String q = condenser.condense("And what is its warranty period?", List.of("How do I reset the Zephyr-9 router?"));
    assertThat(q).startsWith("And what is its warranty period?").contains("zephyr-9").contains("router").contains("reset");
  }

  @Test
  void carriesTheSubjectIntoAShortFollowUp() {
    assertThat(condenser.condense("price?", List.of("Tell me about the Aurora X2 blender")))
        .isEqualTo("price? aurora x2 blender");
  }

  @Test
  void leavesAStandaloneQuestionAlone() {
    String standalone = "When are invoices issued to customers each month?";
    assertThat(condenser.condense(standalone, List.of("How do I reset the router?"))).isEqualTo(standalone);
  }

  @Test
  void leavesTheFirstQuestionOfAConversationAlone() {
    assertThat(condenser.condense("its price?", List.of())).isEqualTo("its price?");
  }
}
