/**
 * Citation checks: {@code [n]} markers parsed while an answer streams, markers that name no source
 * dropped, and each cited sentence checked for support in its cited passage.
 */
@NullMarked
package dev.ragkb.generation.citation;

import org.jspecify.annotations.NullMarked;
