package dev.ragkb.retrieval.query;

import dev.ragkb.core.FollowUpCondenser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a follow-up question into a standalone query without an LLM: a follow-up that is short or
 * leans on the previous turn ("and its warranty?", "what about the price of it?") gets the
 * previous question's content words appended, so retrieval still finds the subject. A question
 * that stands on its own is left alone. The default, and the fallback of an LLM condenser.
 */
public final class QueryCondenser implements FollowUpCondenser {

  private static final Set<String> REFERRING = Set.of(
      "it", "its", "it's", "this", "that", "these", "those", "they", "them", "their", "there", "he", "she", "his", "her",
      "one", "same", "also", "and", "what", "about", "how");

  private static final Set<String> STOP = Set.of(
      "a", "an", "the", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is", "are", "was", "were", "be", "do",
      "does", "did", "can", "could", "should", "would", "will", "must", "may", "i", "we", "you", "my", "our", "your",
      "what", "which", "who", "whom", "how", "when", "where", "why", "and", "or", "not", "no", "it", "its", "this",
      "that", "these", "those", "they", "them", "their", "there", "please", "tell", "me", "about", "have", "has");

  /** A follow-up of at most this many words is taken to depend on the previous turn. */
  private static final int SHORT_FOLLOW_UP_WORDS = 4;

  @Override
  public String condense(String followUp, List<String> previousQuestions) {
    if (previousQuestions.isEmpty()) {
      return followUp;
    }
    List<String> words = words(followUp);
    boolean refers = words.size() <= SHORT_FOLLOW_UP_WORDS || words.stream().anyMatch(REFERRING::contains);
    if (!refers) {
      return followUp;
    }
    Set<String> carried = new LinkedHashSet<>();
    for (String w : words(previousQuestions.getLast())) {
      if (!STOP.contains(w) && !words.contains(w)) {
        carried.add(w);
      }
    }
    return carried.isEmpty() ? followUp : followUp + " " + String.join(" ", carried);
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }
}
