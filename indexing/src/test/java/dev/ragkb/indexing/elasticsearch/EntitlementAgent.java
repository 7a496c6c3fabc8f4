package dev.ragkb.indexing.elasticsearch;

import java.lang.instrument.Instrumentation;

/**
 * Stand-in for the entitlement agent that the test node attaches to itself (ElasticsearchNode):
 * Maven Central does not publish Elasticsearch's. Like the real one, it hands the instrumentation to
 * the initialization class whose name the node passes as the agent's argument; the node refuses to
 * start unless its entitlement self-test is then denied.
 */
public final class EntitlementAgent {

  private EntitlementAgent() {}

  public static void agentmain(String initializationClass, Instrumentation instrumentation) throws Exception {
    Class.forName(initializationClass, true, ClassLoader.getSystemClassLoader())
        .getMethod("initialize", Instrumentation.class)
        .invoke(null, instrumentation);
  }
}
