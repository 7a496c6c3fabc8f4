package dev.ragkb.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * {@code toString} for settings records that hold secrets (API keys, tokens), so that logging a
 * record, or an exception that prints one, never shows a secret: the record's own format, with
 * every secret component masked. Whether a secret is set still shows ({@code null}, blank or
 * {@value #MASK}), which is what one needs to debug a configuration.
 */
public final class Redacted {

  /** What a set secret prints as. */
  public static final String MASK = "****";

  private Redacted() {}

  /**
   * @param secrets the names of {@code record}'s components to mask
   * @throws IllegalArgumentException when a name is not one of its components
   */
  public static String toString(Record record, String... secrets) {
    Set<String> masked = Set.of(secrets);
    RecordComponent[] components = record.getClass().getRecordComponents();
    long known = java.util.Arrays.stream(components).filter(c -> masked.contains(c.getName())).count();
    if (known != masked.size()) {
      throw new IllegalArgumentException("not all of " + masked + " are components of " + record.getClass().getName());
    }
    StringJoiner out = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
    for (RecordComponent c : components) {
      Object value = valueOf(record, c);
      out.add(c.getName() + "=" + (masked.contains(c.getName()) ? mask(value) : value));
    }
    return out.toString();
  }

  private static String mask(@Nullable Object secret) {
    if (secret == null) {
      return "null";
    }
    return secret.toString().isBlank() ? "" : MASK;
  }

  private static @Nullable Object valueOf(Record record, RecordComponent component) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getName(), e);
    }
  }
}
