package dev.ragkb.gateway.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Registers a bean only under the listed {@link IndexBackend}s; an unknown backend fails the start here. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ConditionalOnIndexBackend.OnIndexBackend.class)
@interface ConditionalOnIndexBackend {

  IndexBackend[] value();

  final class OnIndexBackend implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      IndexBackend[] accepted = metadata.getAnnotations().get(ConditionalOnIndexBackend.class)
          .getEnumArray("value", IndexBackend.class);
      return Arrays.asList(accepted).contains(IndexBackend.of(context.getEnvironment()));
    }
  }
}
