package org.elasticsearch.entitlement.bridge;

import java.lang.reflect.InvocationTargetException;

/**
 * Stand-in for the bridge class that instrumented JDK methods call to reach the node's entitlement
 * checks (see NotEntitledException). It lives in {@code java.base}, which cannot depend on the
 * entitlement module, so it finds the registry reflectively, once, on first use.
 */
public final class InstrumentationRegistryHandle {

  private InstrumentationRegistryHandle() {}

  public static InstrumentationRegistry instance() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    private static final InstrumentationRegistry INSTANCE = lookUp();

    private static InstrumentationRegistry lookUp() {
      try {
        Class<?> initialization = ClassLoader.getSystemClassLoader()
            .loadClass("org.elasticsearch.entitlement.initialization.EntitlementInitialization");
        return (InstrumentationRegistry) initialization.getMethod("instrumentationRegistry").invoke(null);
      } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
          | InvocationTargetException e) {
        throw new IllegalStateException("the node's entitlement registry is not reachable", e);
      }
    }
  }
}
