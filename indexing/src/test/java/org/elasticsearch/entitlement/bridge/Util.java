package org.elasticsearch.entitlement.bridge;

import java.lang.StackWalker.StackFrame;

/** Stand-in for the bridge's helper that instrumented JDK methods call (see NotEntitledException). */
public final class Util {

  /** The caller of a method called from no class (from native code). */
  public static final Class<?> NO_CLASS = new Object() {}.getClass();

  private Util() {}

  /**
   * The class that called the instrumented method: frame 0 is this method, frame 1 the instrumented
   * method, frame 2 its caller.
   */
  public static Class<?> getCallerClass() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.skip(2).findFirst().<Class<?>>map(StackFrame::getDeclaringClass))
        .orElse(NO_CLASS);
  }
}
