/** Ingestion: accepting uploads as jobs and driving documents through parse, chunk, embed and index. */
@NullMarked
package dev.ragkb.ingest;

import org.jspecify.annotations.NullMarked;
