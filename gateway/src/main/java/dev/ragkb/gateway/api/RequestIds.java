package dev.ragkb.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, in the logging context ({@code requestId}) while it is served and in the
 * {@value #HEADER} response header, so that a client's report finds its log lines. A client's own id
 * in that header is kept when it is a plain token (it ends up in logs, so nothing else is trusted).
 * First of all filters, so that refusals (401) carry one too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIds extends OncePerRequestFilter {

  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = idOf(request.getHeader(HEADER));
    response.setHeader(HEADER, id);
    try (var logged = MDC.putCloseable(MDC_KEY, id)) {
      chain.doFilter(request, response);
    }
  }

  private static String idOf(@Nullable String given) {
    return given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }
}
