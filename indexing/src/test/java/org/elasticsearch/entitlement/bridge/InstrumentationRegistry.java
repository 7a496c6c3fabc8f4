package org.elasticsearch.entitlement.bridge;

/** Stand-in for the bridge interface the node's instrumentation registry extends (see NotEntitledException). */
public interface InstrumentationRegistry {

  void check$(String instrumentationId, Class<?> callingClass, Object... args) throws Exception;
}
