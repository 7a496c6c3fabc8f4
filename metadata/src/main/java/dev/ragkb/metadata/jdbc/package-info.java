/** Metadata stores on JDBC: the embedded H2 by default, PostgreSQL in production (same SQL). */
@NullMarked
package dev.ragkb.metadata.jdbc;

import org.jspecify.annotations.NullMarked;
