package dev.ragkb.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} (or {@code X-API-Key: <key>}). A wrong key is
 * answered 401 at once; a missing one is left to the authorization rules, which admit only the open
 * endpoints.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiKey apiKey;
  private final AuthenticationEntryPoint entryPoint;

  ApiKeyAuthenticationFilter(ApiKey apiKey, AuthenticationEntryPoint entryPoint) {
    this.apiKey = apiKey;
    this.entryPoint = entryPoint;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = presentedKey(request);
    if (presented != null) {
      if (!apiKey.matches(presented)) {
        SecurityContextHolder.clearContext();
        entryPoint.commence(request, response, new BadCredentialsException("invalid API key"));
        return;
      }
      var auth = new PreAuthenticatedAuthenticationToken("api-key", null, List.of(new SimpleGrantedAuthority("ROLE_API")));
      SecurityContextHolder.getContext().setAuthentication(auth);
    }
    chain.doFilter(request, response);
  }

  private static @org.jspecify.annotations.Nullable String presentedKey(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).strip();
    }
    return request.getHeader("X-API-Key");
  }
}
