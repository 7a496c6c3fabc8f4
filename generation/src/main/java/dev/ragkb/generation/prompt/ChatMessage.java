package dev.ragkb.generation.prompt;

import java.util.Objects;

/**
 * One turn of a chat prompt.
 *
 * @param role who speaks
 * @param content what is said
 */
public record ChatMessage(Role role, String content) {

  /** The roles of the OpenAI chat-completions API; {@link #wire()} is the name sent. */
  public enum Role {
    SYSTEM("system"),
    USER("user");

    private final String wire;

    Role(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
