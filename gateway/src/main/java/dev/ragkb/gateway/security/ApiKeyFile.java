package dev.ragkb.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the admin key: the configured one, else the one stored in the data directory, else a new
 * random key that is stored there (owner-readable only) and printed once so the operator can use it.
 */
public final class ApiKeyFile {

  public static final String FILE_NAME = "api-key";

  private ApiKeyFile() {}

  public static ApiKey resolve(@Nullable String configured, Path dataDir, SecureRandom random) {
    if (configured != null && !configured.isBlank()) {
      return new ApiKey(configured.strip());
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return new ApiKey(Files.readString(file, StandardCharsets.UTF_8).strip());
      }
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String key = "rk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.createDirectories(dataDir);
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the directory's default permissions
      }
      // Printed, not logged: the operator needs it once, and log files must never hold keys.
      System.out.println("Generated API key (stored in " + file + "): " + key);
      return new ApiKey(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the API key file " + file, e);
    }
  }
}
