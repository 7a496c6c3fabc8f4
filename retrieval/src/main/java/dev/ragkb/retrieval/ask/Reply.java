package dev.ragkb.retrieval.ask;

import dev.ragkb.core.Answer;
import dev.ragkb.retrieval.query.Intent;
import java.util.Objects;

/**
 * What a question gets: its answer, and whether it was taken as a question or as small talk.
 *
 * @param query the query retrieval ran with (the question condensed with its conversation); the
 *     question itself for small talk
 */
public record Reply(Intent intent, String query, Answer answer) {
  public Reply {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(answer, "answer");
  }
}
