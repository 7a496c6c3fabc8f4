/** Vectors in Milvus: a collection per knowledge base, filters pushed into the search. */
@NullMarked
package dev.ragkb.indexing.milvus;

import org.jspecify.annotations.NullMarked;
