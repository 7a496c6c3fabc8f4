/** What happens to a question before retrieval: intent routing and multi-turn condensing. */
@NullMarked
package dev.ragkb.retrieval.query;

import org.jspecify.annotations.NullMarked;
