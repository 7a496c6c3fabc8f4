package dev.ragkb.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin API key. Compared in constant time; never logged. */
public final class ApiKey {

  private final byte[] key;

  public ApiKey(String key) {
    if (key.isBlank()) {
      throw new IllegalArgumentException("the API key must not be blank");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  public boolean matches(String presented) {
    return MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiKey[****]";
  }
}
