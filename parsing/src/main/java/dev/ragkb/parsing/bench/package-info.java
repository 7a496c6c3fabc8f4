/** {@code ./rag bench parse}: parsing throughput over a generated corpus. */
@NullMarked
package dev.ragkb.parsing.bench;

import org.jspecify.annotations.NullMarked;
