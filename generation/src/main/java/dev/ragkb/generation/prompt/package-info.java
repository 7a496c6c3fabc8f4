/**
 * Prompt assembly for chat generators: retrieved passages as numbered, fenced data in the user turn,
 * never in the system turn; instructions and control tokens inside documents neutralised; sources
 * cut to the model's context window.
 */
@NullMarked
package dev.ragkb.generation.prompt;

import org.jspecify.annotations.NullMarked;
