package org.elasticsearch.entitlement.bridge;

/**
 * Stand-in for Elasticsearch's entitlement bridge, which Maven Central does not publish; the test
 * node patches this package into {@code java.base} (see ElasticsearchNode). The node's entitlement
 * module links against it; nothing throws it, because the stand-in agent instruments nothing.
 */
public class NotEntitledException extends SecurityException {

  public NotEntitledException(String message) {
    super(message);
  }
}
