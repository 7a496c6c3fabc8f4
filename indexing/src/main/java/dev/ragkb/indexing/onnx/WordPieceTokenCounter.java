package dev.ragkb.indexing.onnx;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.ragkb.core.TokenCounter;

/**
 * Counts BERT word pieces (uncased WordPiece, the vocabulary of bge-small-en-v1.5), the unit chunk
 * budgets are set in. It is an estimate for other models: bge-small-zh and most LLMs split Chinese
 * into one token per character, as this vocabulary does. Thread-safe.
 */
public final class WordPieceTokenCounter implements TokenCounter {

  // bge-small-en-v1.5 uses BERT's uncased WordPiece vocabulary, the estimator's default tokenizer.
  private final HuggingFaceTokenCountEstimator tokenizer = new HuggingFaceTokenCountEstimator();

  @Override
  public int count(String text) {
    return tokenizer.estimateTokenCountInText(text);
  }
}
