/** Ranking metrics with trec_eval definitions. */
@NullMarked
package dev.ragkb.eval.metrics;

import org.jspecify.annotations.NullMarked;
