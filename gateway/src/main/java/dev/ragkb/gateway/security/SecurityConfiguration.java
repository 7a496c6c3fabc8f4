package dev.ragkb.gateway.security;

import dev.ragkb.gateway.config.RagkbProperties;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** Every endpoint needs the API key except health and the OpenAPI document. Stateless: no sessions, no CSRF. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

  @Bean
  ApiKey apiKey(RagkbProperties properties) {
    return ApiKeyFile.resolve(properties.apiKey(), properties.dataDir(), new SecureRandom());
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKey apiKey) throws Exception {
    AuthenticationEntryPoint unauthorized = (request, response, e) -> {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader("WWW-Authenticate", "Bearer");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"type\":\"urn:ragkb:problem:unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"detail\":\"a valid API key is required: Authorization: Bearer <key>\"}");
    };
    http.csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a
            // The async dispatch that completes a stream (SSE) belongs to a request already let in;
            // stateless, it carries no authentication of its own and would be refused mid-stream.
            .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
            .anyRequest().authenticated())
        .addFilterBefore(new ApiKeyAuthenticationFilter(apiKey, unauthorized), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized));
    return http.build();
  }
}
