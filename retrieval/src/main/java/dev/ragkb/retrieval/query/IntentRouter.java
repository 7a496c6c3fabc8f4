package dev.ragkb.retrieval.query;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Tells small talk from questions, so that "hello" or "thanks!" gets a greeting instead of a
 * search that would cite something irrelevant. Deliberately conservative: a message is small talk
 * only when every word of it is a greeting, thanks or farewell word (English, German, French,
 * Spanish, Chinese), so no real question is ever swallowed.
 */
public final class IntentRouter {

  private static final Set<String> SMALL_TALK_WORDS = Set.of(
      "hi", "hello", "hey", "hiya", "yo", "howdy", "greetings", "good", "morning", "afternoon", "evening", "day",
      "thanks", "thank", "you", "thx", "ty", "cheers", "much", "very", "so", "a", "lot", "ok", "okay", "great", "cool",
      "bye", "goodbye", "see", "later", "have", "nice", "there", "all", "everyone", "team",
      "hallo", "danke", "tschüss", "guten", "tag", "morgen", "bonjour", "merci", "salut", "au", "revoir",
      "hola", "gracias", "adiós", "adios", "buenos", "días", "dias");

  private static final Set<String> CJK_SMALL_TALK = Set.of(
      "你好", "您好", "谢谢", "谢谢你", "多谢", "再见", "早上好", "晚上好", "嗨", "哈喽", "こんにちは", "ありがとう", "안녕하세요", "감사합니다");

  /** Small talk is short; a longer message is always treated as a question. */
  private static final int MAX_WORDS = 6;

  public Intent classify(String message) {
    String text = Normalizer.normalize(message, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    String bare = text.replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+", " ").strip();
    if (bare.isEmpty()) {
      return Intent.QUESTION;
    }
    if (CJK_SMALL_TALK.contains(bare.replace(" ", ""))) {
      return Intent.SMALL_TALK;
    }
    String[] words = bare.split(" ");
    if (words.length > MAX_WORDS) {
      return Intent.QUESTION;
    }
    for (String w : words) {
      if (!SMALL_TALK_WORDS.contains(w)) {
        return Intent.QUESTION;
      }
    }
    return Intent.SMALL_TALK;
  }
}
