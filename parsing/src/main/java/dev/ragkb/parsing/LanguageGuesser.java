package dev.ragkb.parsing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells the main language of a text from its first {@value #SAMPLE_CHARS} characters: by script first (Han, kana,
 * Hangul, Cyrillic, Greek, Arabic, Hebrew, Thai, Devanagari), and among Latin-script languages by counting their
 * most frequent function words. Cheap, deterministic and dependency-free; it knows the languages a knowledge base
 * mostly holds and says {@code und} for the rest rather than guessing. Stateless and thread-safe.
 *
 * <p>Why not a statistical detector (Tika's Optimaize module, Lingua): their profiles cost tens of megabytes and
 * seconds to load for what the per-document choices downstream need (CJK or not, which stemmer), and on short texts
 * they are no better than this.
 */
final class LanguageGuesser {

  /** Enough text to be sure, little enough to be cheap on a 1,000-page document. */
  static final int SAMPLE_CHARS = 20_000;
  /** Below this many letters a guess is noise. */
  private static final int MIN_LETTERS = 20;
  /** A Latin-script language must own at least this share of the words we recognise. */
  private static final double MIN_STOPWORD_SHARE = 0.05;

  private static final Map<String, Set<String>> STOPWORDS = Map.of(
      "en", Set.of("the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "are", "this", "be", "on", "was",
          "not", "you", "have", "from", "or"),
      "de", Set.of("der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "auf", "für",
          "dem", "des", "auch", "werden", "wird", "sie"),
      "fr", Set.of("le", "la", "les", "et", "des", "est", "une", "du", "que", "pour", "dans", "qui", "pas", "sur", "au",
          "avec", "sont", "ce", "il", "nous"),
      "es", Set.of("el", "los", "las", "del", "que", "y", "una", "por", "con", "para", "es", "se", "su", "al", "lo",
          "como", "más", "pero", "sus", "está"),
      "it", Set.of("il", "di", "che", "è", "gli", "della", "per", "non", "una", "sono", "del", "con", "alla", "anche",
          "questo", "nel", "dei", "delle", "essere", "lo"),
      "pt", Set.of("o", "os", "da", "do", "que", "não", "uma", "para", "com", "dos", "das", "no", "na", "em", "se",
          "por", "mais", "como", "foi", "são"),
      "nl", Set.of("de", "het", "een", "van", "en", "is", "niet", "dat", "op", "te", "voor", "met", "zijn", "ook",
          "wordt", "aan", "bij", "worden", "deze", "er"));

  private LanguageGuesser() {}

  /** The ISO 639-1 code of {@code text}'s main language, or {@code und}. */
  static String guess(String text) {
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Map<Character.UnicodeScript, Integer> scripts = new HashMap<>();
    int letters = 0;
    int kana = 0;
    for (int i = 0; i < sample.length(); ) {
      int cp = sample.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
        kana++;
      }
      scripts.merge(script, 1, Integer::sum);
    }
    if (letters < MIN_LETTERS) {
      return ParsedDocument.UNDETERMINED_LANGUAGE;
    }
    int han = scripts.getOrDefault(Character.UnicodeScript.HAN, 0);
    int hangul = scripts.getOrDefault(Character.UnicodeScript.HANGUL, 0);
    // Japanese mixes kanji with kana; a few kana in Chinese text are rare, so a tenth of the CJK letters decides.
    if (kana > 0 && kana * 10 >= han + kana) {
      return "ja";
    }
    if (hangul * 2 >= letters) {
      return "ko";
    }
    if (han * 4 >= letters) {
      return "zh";
    }
    Character.UnicodeScript main = scripts.entrySet().stream()
        .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    return switch (main) {
      case LATIN -> latin(sample);
      case CYRILLIC -> "ru";
      case GREEK -> "el";
      case ARABIC -> "ar";
      case HEBREW -> "he";
      case THAI -> "th";
      case DEVANAGARI -> "hi";
      default -> ParsedDocument.UNDETERMINED_LANGUAGE;
    };
  }

  private static String latin(String sample) {
    List<String> words = Arrays.stream(sample.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
        .filter(w -> !w.isEmpty()).toList();
    String best = ParsedDocument.UNDETERMINED_LANGUAGE;
    int bestHits = 0;
    for (var language : STOPWORDS.entrySet()) {
      int hits = (int) words.stream().filter(language.getValue()::contains).count();
      if (hits > bestHits || (hits == bestHits && hits > 0 && language.getKey().compareTo(best) < 0)) {
        best = language.getKey();
        bestHits = hits;
      }
    }
    return bestHits >= Math.max(1, words.size() * MIN_STOPWORD_SHARE) ? best : ParsedDocument.UNDETERMINED_LANGUAGE;
  }
}
