package dev.ragkb.indexing.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordPieceTokenCounterTest {

  private final WordPieceTokenCounter counter = new WordPieceTokenCounter();

  @Test
  void countsWordPieceTokens() {
    assertThat(counter.count("hello world")).isEqualTo(2);
    assertThat(counter.count("unbelievably")).isGreaterThan(1);
  }

  @Test
  void countsAChineseCharacterAsOneToken() {
    assertThat(counter.count("年假")).isEqualTo(2);
  }
}
