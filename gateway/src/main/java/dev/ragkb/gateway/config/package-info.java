/** Configuration properties (public API: renamed only with a deprecation) and the wiring of the libraries. */
@NullMarked
package dev.ragkb.gateway.config;

import org.jspecify.annotations.NullMarked;
