/** Merging ranked lists from several retrievers into one. */
@NullMarked
package dev.ragkb.retrieval.fusion;

import org.jspecify.annotations.NullMarked;
