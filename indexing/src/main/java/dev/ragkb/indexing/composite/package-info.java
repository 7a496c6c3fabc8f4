/** Indexes combined: text in one, vectors in another. */
@NullMarked
package dev.ragkb.indexing.composite;

import org.jspecify.annotations.NullMarked;
