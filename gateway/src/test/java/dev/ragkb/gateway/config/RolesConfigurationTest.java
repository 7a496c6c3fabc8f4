package dev.ragkb.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;

class RolesConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RagkbProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Properties.class, RolesConfiguration.class);

  @Test
  void aGatewayServesTheApi() {
    runner.run(context -> assertThat(context.getBean(FilterRegistrationBean.class).isEnabled()).isFalse());
    runner.withPropertyValues("ragkb.roles=gateway")
        .run(context -> assertThat(context.getBean(FilterRegistrationBean.class).isEnabled()).isFalse());
  }

  @Test
  void anEmbedderOrIngestWorkerRefusesTheApi() {
    runner.withPropertyValues("ragkb.roles=embedder,ingest").run(context -> {
      FilterRegistrationBean<?> refusal = context.getBean(FilterRegistrationBean.class);
      assertThat(refusal.isEnabled()).isTrue();
      assertThat(refusal.getUrlPatterns()).containsExactly("/v1/*");
    });
  }
}
