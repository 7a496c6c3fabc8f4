/** Answer generation: which generator serves an embedding model ({@link dev.ragkb.generation.Generators}). */
@NullMarked
package dev.ragkb.generation;

import org.jspecify.annotations.NullMarked;
