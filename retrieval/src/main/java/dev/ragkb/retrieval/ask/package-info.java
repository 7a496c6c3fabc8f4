/** The ask use case: from a question to its answer and its stream, shared by every front end. */
@NullMarked
package dev.ragkb.retrieval.ask;

import org.jspecify.annotations.NullMarked;
