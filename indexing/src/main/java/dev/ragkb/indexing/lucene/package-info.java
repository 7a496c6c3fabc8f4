/** The default index: Lucene on local disk, BM25 text and HNSW vectors in one index per knowledge base. */
@NullMarked
package dev.ragkb.indexing.lucene;

import org.jspecify.annotations.NullMarked;
