package dev.ragkb.core;

import java.util.List;

/** Writes an answer grounded in retrieved sources. */
@FunctionalInterface
public interface Generator {

  /**
   * Answers {@code question} from {@code sources} (in retrieval order). Every {@code [n]} in the
   * answer refers to a citation built from one of these sources; when none supports an answer the
   * result abstains. Thread-safe.
   */
  Answer generate(String question, List<Hit> sources);
}
