/** Benchmarks that print JSON: figures to compare side by side within one run. */
@NullMarked
package dev.ragkb.eval.bench;

import org.jspecify.annotations.NullMarked;
