/** A persistent embedding cache, so unchanged passages are never embedded twice. */
@NullMarked
package dev.ragkb.indexing.cache;

import org.jspecify.annotations.NullMarked;
