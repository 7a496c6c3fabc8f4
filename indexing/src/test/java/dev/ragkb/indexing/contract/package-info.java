/** Contract tests that every index adapter extends. */
@NullMarked
package dev.ragkb.indexing.contract;

import org.jspecify.annotations.NullMarked;
