/** Domain records and ports of ragkb. Imports only the JDK and JSpecify. */
@NullMarked
package dev.ragkb.core;

import org.jspecify.annotations.NullMarked;
