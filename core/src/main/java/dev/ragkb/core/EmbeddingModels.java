package dev.ragkb.core;

import java.util.List;

/**
 * The embedding models this service serves, by name. A knowledge base records the name of its model
 * when it is created; its passages and its queries are embedded with that model only, so vectors of
 * different models never mix. Implementations are thread-safe.
 */
public interface EmbeddingModels {

  /** The model of a new knowledge base when its creator names none and its language has no model of its own. */
  String defaultModel();

  /** The names served, the default first. */
  List<String> served();

  /**
   * The model a new knowledge base in {@code language} gets when its creator names none: a model
   * made for that language when one is served, else {@link #defaultModel()}.
   *
   * @param language BCP 47, such as {@code zh-CN}
   */
  String modelFor(String language);

  /**
   * The served model of that name. May load it on first use (seconds, and its memory).
   *
   * @throws InvalidRequestException when no model of that name is served; the message names the served ones
   */
  EmbeddingModel forName(String name);
}
