package dev.ragkb.gateway.security;

import dev.ragkb.core.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose rights a request runs with. The API key admits a trusted front end (a bot, the portal); it
 * names its end user in {@value #USER_HEADER} and the user's groups in {@value #GROUPS_HEADER}
 * (comma-separated), and retrieval then returns only what that user may read. Without the headers
 * the caller acts as the admin.
 */
public final class CallerPrincipal {

  public static final String USER_HEADER = "X-Ragkb-User";
  public static final String GROUPS_HEADER = "X-Ragkb-Groups";

  private CallerPrincipal() {}

  /** A stable key of the principal, to keep per-caller state (conversations) apart. */
  public static String key(Principal principal) {
    return switch (principal) {
      case Principal.Admin a -> "admin";
      case Principal.User u -> "user:" + u.id();
    };
  }

  public static Principal of(HttpServletRequest request) {
    String user = request.getHeader(USER_HEADER);
    if (user == null || user.isBlank()) {
      return new Principal.Admin();
    }
    String groups = request.getHeader(GROUPS_HEADER);
    Set<String> groupSet = groups == null ? Set.of()
        : Arrays.stream(groups.split(",")).map(String::strip).filter(g -> !g.isEmpty()).collect(Collectors.toSet());
    return new Principal.User(user.strip(), groupSet);
  }
}
