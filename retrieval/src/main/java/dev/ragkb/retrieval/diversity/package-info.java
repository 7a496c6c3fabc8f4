/** Diversifying a ranking so that near-duplicate passages do not crowd out the rest. */
@NullMarked
package dev.ragkb.retrieval.diversity;

import org.jspecify.annotations.NullMarked;
