/**
 * The Elasticsearch adapter: one index per knowledge base holding BM25 text and int8-quantized HNSW
 * vectors, queried through the 8.19 Java client (which talks to 8.19 and 9.x clusters).
 */
@NullMarked
package dev.ragkb.indexing.elasticsearch;

import org.jspecify.annotations.NullMarked;
