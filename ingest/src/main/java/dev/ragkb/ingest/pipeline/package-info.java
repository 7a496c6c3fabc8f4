/** The ingestion stages, the typed messages between them, and the transport port that carries them. */
@NullMarked
package dev.ragkb.ingest.pipeline;

import org.jspecify.annotations.NullMarked;
