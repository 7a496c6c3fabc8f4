/**
 * The Kafka transport of the ingestion pipeline: one topic per stage, stage workers in consumer
 * groups, stage outputs passed by reference through the blob store, and the embedded KRaft broker
 * of the one-machine deployment. Kafka types stay inside this package.
 */
@NullMarked
package dev.ragkb.ingest.kafka;

import org.jspecify.annotations.NullMarked;
