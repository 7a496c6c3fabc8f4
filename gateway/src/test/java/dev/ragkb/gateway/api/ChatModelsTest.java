package dev.ragkb.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.gateway.api.ChatModels.ChatRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChatModelsTest {

  private final JsonMapper json = JsonMapper.builder().build();

  private ChatRequest request(String messages) {
    return json.readValue("{\"model\":\"kb\",\"messages\":" + messages + "}", ChatRequest.class);
  }

  @Test
  void theUserTurnsAreTheUserMessagesTextsInOrder() {
    var request = request("""
        [{"role":"system","content":"Be brief."},
         {"role":"user","content":"What does the warranty cover?"},
         {"role":"assistant","content":"Defects [1]."},
         {"role":"assistant","content":null},
         {"role":"user","content":"  "},
         {"role":"user","content":"And its length?"}]""");

    assertThat(request.userTurns()).containsExactly("What does the warranty cover?", "And its length?");
  }

  @Test
  void readsTheTextPartsOfAnArrayContentAndIgnoresTheOthers() {
    var request = request("""
        [{"role":"user","content":[{"type":"text","text":"What is shown"},
           {"type":"image_url","image_url":{"url":"https://example.com/a.png"}},
           {"type":"text","text":"in the manual?"}]},
         {"role":"user","content":{"type":"text","text":"not OpenAI's shape"}}]""");

    assertThat(request.userTurns()).containsExactly("What is shown\nin the manual?");
  }
}
