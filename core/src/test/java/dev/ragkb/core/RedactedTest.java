package dev.ragkb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RedactedTest {

  private record Settings(String url, @Nullable String apiKey, int retries) {
    @Override
    public String toString() {
      return Redacted.toString(this, "apiKey");
    }
  }

  @Test
  void printsTheRecordWithItsSecretsMasked() {
    assertThat(new Settings("http://llm:8000", "sk-very-secret", 3))
        .hasToString("Settings[url=http://llm:8000, apiKey=****, retries=3]");
  }

  @Test
  void stillShowsWhetherASecretIsSet() {
    assertThat(new Settings("http://llm:8000", null, 3).toString()).contains("apiKey=null");
    assertThat(new Settings("http://llm:8000", "", 3).toString()).contains("apiKey=,");
  }

  @Test
  void refusesANameThatIsNoComponent() {
    record Typo(String apiKey) {}
    assertThatThrownBy(() -> Redacted.toString(new Typo("k"), "apikey")).isInstanceOf(IllegalArgumentException.class);
  }
}
