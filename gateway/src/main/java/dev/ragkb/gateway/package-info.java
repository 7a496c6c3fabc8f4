/** The Spring Boot application: REST API, security, wiring, and the command line. */
@NullMarked
package dev.ragkb.gateway;

import org.jspecify.annotations.NullMarked;
