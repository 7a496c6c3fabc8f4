/** Degrading gracefully: a simpler generator answers when the configured one fails. */
@NullMarked
package dev.ragkb.generation.fallback;

import org.jspecify.annotations.NullMarked;
