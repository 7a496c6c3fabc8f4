/** Reranking: the client of a GPU reranking service, and the retriever that applies it. */
@NullMarked
package dev.ragkb.retrieval.rerank;

import org.jspecify.annotations.NullMarked;
