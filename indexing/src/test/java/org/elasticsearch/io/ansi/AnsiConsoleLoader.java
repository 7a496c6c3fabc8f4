package org.elasticsearch.io.ansi;

import java.util.function.Supplier;

/**
 * Stand-in for the ANSI console tool that the node loads from {@code lib/tools/ansi-console} and
 * that Maven Central does not publish: a test node writes to no terminal, so there is no console.
 */
public final class AnsiConsoleLoader implements Supplier<Object> {

  @Override
  public Object get() {
    return null;
  }
}
