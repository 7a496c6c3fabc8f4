/** API-key authentication and the caller principal. */
@NullMarked
package dev.ragkb.gateway.security;

import org.jspecify.annotations.NullMarked;
