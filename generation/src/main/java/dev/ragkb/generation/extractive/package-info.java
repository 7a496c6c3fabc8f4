/** The default generator: answers with the retrieved sentences that best match the question, no LLM needed. */
@NullMarked
package dev.ragkb.generation.extractive;

import org.jspecify.annotations.NullMarked;
