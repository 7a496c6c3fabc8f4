package dev.ragkb.core;

import java.util.List;

/** Turns a follow-up question into a query that stands on its own, given the conversation so far. */
@FunctionalInterface
public interface FollowUpCondenser {

  /**
   * @param followUp the newest question
   * @param previousQuestions the conversation's earlier questions (as they were searched), oldest first
   * @return the query to retrieve with; the follow-up itself when it stands alone
   */
  String condense(String followUp, List<String> previousQuestions);
}
