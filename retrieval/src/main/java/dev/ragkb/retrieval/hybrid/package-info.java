/** Hybrid retrieval: BM25 and kNN over the same knowledge base, fused. */
@NullMarked
package dev.ragkb.retrieval.hybrid;

import org.jspecify.annotations.NullMarked;
