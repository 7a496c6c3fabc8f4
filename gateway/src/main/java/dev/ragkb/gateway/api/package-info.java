/** The REST API under /v1 and its problem-detail errors. */
@NullMarked
package dev.ragkb.gateway.api;

import org.jspecify.annotations.NullMarked;
