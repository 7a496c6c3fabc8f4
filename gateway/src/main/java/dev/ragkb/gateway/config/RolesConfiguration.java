package dev.ragkb.gateway.config;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A process without the {@code gateway} role (an embedder, an ingest worker) answers the {@code /v1}
 * API with a 404 that says where the API is: its own metadata and index may not be the deployment's.
 * Health, info and metrics stay up for probes. Which Kafka stages run is in {@link KafkaConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class RolesConfiguration {

  @Bean
  FilterRegistrationBean<Filter> apiOnlyOnGateways(RagkbProperties properties) {
    String roles = properties.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
        .collect(Collectors.joining(", "));
    String problem = "{\"type\":\"urn:ragkb:problem:not_found\",\"title\":\"Not Found\",\"status\":404,"
        + "\"detail\":\"this process plays the roles [" + roles + "]; the API is served by processes with the gateway role\"}";
    Filter refuse = (request, response, chain) -> {
      var http = (HttpServletResponse) response;
      http.setStatus(HttpStatus.NOT_FOUND.value());
      http.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      http.setCharacterEncoding(StandardCharsets.UTF_8.name());
      http.getWriter().write(problem);
    };
    var registration = new FilterRegistrationBean<>(refuse);
    registration.addUrlPatterns("/v1/*");
    registration.setEnabled(!properties.roles().contains(RagkbProperties.Role.GATEWAY));
    return registration;
  }
}
