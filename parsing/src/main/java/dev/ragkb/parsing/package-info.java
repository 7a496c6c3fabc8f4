/**
 * Turns uploaded files into structured text ({@link dev.ragkb.parsing.ParsedDocument}: blocks under their
 * headings, with pages and exact offsets) and cuts that text into chunks that respect the structure
 * ({@link dev.ragkb.parsing.StructuredChunker}).
 */
@NullMarked
package dev.ragkb.parsing;

import org.jspecify.annotations.NullMarked;
