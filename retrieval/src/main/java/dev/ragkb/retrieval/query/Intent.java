package dev.ragkb.retrieval.query;

/** What a customer-service message asks for. */
public enum Intent {
  /** Hello, thanks, goodbye: answered politely, without searching. */
  SMALL_TALK,
  /** Anything else is a question for the knowledge base; one it cannot answer is abstained from there. */
  QUESTION
}
