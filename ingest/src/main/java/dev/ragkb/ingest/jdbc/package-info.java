/** Metadata stores on JDBC: the embedded H2 by default, PostgreSQL in production (same SQL). */
@NullMarked
package dev.ragkb.ingest.jdbc;

import org.jspecify.annotations.NullMarked;
