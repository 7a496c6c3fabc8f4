/**
 * Context assembly: turns ranked hits into the numbered passages a generator reads (parents instead
 * of their small chunks, overlapping chunks merged, all within a token budget), each passage keeping
 * the exact document span its citations point at.
 */
@NullMarked
package dev.ragkb.generation.context;

import org.jspecify.annotations.NullMarked;
