/** Highlights of search hits: the passages of a hit's text where the query's terms occur. */
@NullMarked
package dev.ragkb.retrieval.highlight;

import org.jspecify.annotations.NullMarked;
