/** The command line: serve, and the client commands that talk to a running service. */
@NullMarked
package dev.ragkb.gateway.cli;

import org.jspecify.annotations.NullMarked;
