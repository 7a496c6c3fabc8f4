package dev.ragkb.generation.prompt;

import java.util.regex.Pattern;

/**
 * Defuses text that did not come from us (document passages, titles, the question) before it goes
 * into a prompt. It cannot stop a model from reading "ignore previous instructions"; that is the
 * prompt's job (the text is fenced and labelled as data). It removes what would work below the
 * model's judgement:
 *
 * <ul>
 *   <li>chat-template control tokens ({@code <|im_start|>}, {@code [INST]}, {@code <<SYS>>}, {@code
 *       <start_of_turn>}, {@code </s>}): servers that render a template and tokenize the result can
 *       read them as real turn boundaries, letting a document open its own system turn;
 *   <li>our fence tags ({@code <source>}, {@code </source>}), so a document cannot close its fence;
 *   <li>{@code [n]} markers, which are ours to write: a document's own "[2]" would otherwise read
 *       as a citation. They become {@code (n)}.
 * </ul>
 */
public final class UntrustedText {

  private static final Pattern PIPE_TOKEN = Pattern.compile("<\\|([^|<>]{0,40})\\|>");
  private static final Pattern TEMPLATE_TOKEN = Pattern.compile(
      "\\[/?INST]|<</?SYS>>|</?s>|<(?:start|end)_of_turn>|<\\|?(?:begin|end)_of_text\\|?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern FENCE = Pattern.compile("<(\\s*/?\\s*source)", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARKER = Pattern.compile("\\[(\\s*\\d{1,4}(?:\\s*,\\s*\\d{1,4})*\\s*)]");

  private UntrustedText() {}

  public static String defuse(String text) {
    String t = PIPE_TOKEN.matcher(text).replaceAll("(|$1|)");
    t = TEMPLATE_TOKEN.matcher(t).replaceAll(m -> m.group().replace('<', '(').replace('>', ')').replace('[', '(').replace(']', ')'));
    t = FENCE.matcher(t).replaceAll("($1)");
    return MARKER.matcher(t).replaceAll("($1)");
  }

  /** For attribute values inside a fence tag: also no quotes or angle brackets. */
  static String attribute(String text) {
    return defuse(text).replace('"', '\'').replace('<', '(').replace('>', ')').replace('\n', ' ');
  }
}
