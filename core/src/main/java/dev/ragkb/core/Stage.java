package dev.ragkb.core;

/**
 * One step of a pipeline: a stateless, thread-safe function from one typed message to the next.
 * Heavy state (models, indexes) is loaded before the first call, never in {@code run}.
 *
 * @param <I> the message it consumes
 * @param <O> the message it produces
 */
@FunctionalInterface
public interface Stage<I, O> {

  /**
   * Processes one message.
   *
   * @throws RetriableException when trying again may succeed
   * @throws PermanentException when it never will (the document is dead-lettered)
   */
  O run(I input);
}
