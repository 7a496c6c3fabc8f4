package dev.ragkb.indexing.elasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.elasticsearch.entitlement.bridge.NotEntitledException;
import org.elasticsearch.io.ansi.AnsiConsoleLoader;

/**
 * A real single Elasticsearch node in a child JVM, started from the Maven jars that module
 * {@code es-test-node} copies (path in system property {@code ragkb.es-node.jars}). Test code only
 * (gateway's tests use it through this module's test-jar): the server's licence keeps it out of
 * anything shipped.
 *
 * <p>It does what the distribution's launcher does (STACK.md): a home with {@code lib/} (the module
 * path), {@code modules/transport-netty4/} (netty and the plugin's descriptors) and
 * {@code config/log4j2.properties}; the settings as a serialized {@code ServerArgs} on stdin, which
 * stays open; {@code \u0018} on stderr once ready; {@code \u001B} on stdin to stop. The pieces
 * Central does not publish are stand-ins from this module's test classes: the entitlement bridge
 * (patched into {@code java.base}), the self-attaching entitlement agent, and an ANSI console loader
 * that finds no console.
 */
public final class ElasticsearchNode implements AutoCloseable {

  private static final char READY = '\u0018';
  private static final char SHUTDOWN = '\u001B';
  private static final long START_TIMEOUT_SECONDS = 180;
  private static final String NETTY_PLUGIN = "transport-netty4";

  private final Path home;
  private final Process process;
  private final URI url;

  private ElasticsearchNode(Path home, Process process, URI url) {
    this.home = home;
    this.process = process;
    this.url = url;
  }

  /** The node's HTTP endpoint. */
  public URI url() {
    return url;
  }

  /** Starts a node and returns once it serves HTTP. */
  public static ElasticsearchNode start() throws Exception {
    String jarsProperty = System.getProperty("ragkb.es-node.jars");
    if (jarsProperty == null || !Files.isDirectory(Path.of(jarsProperty))) {
      throw new IllegalStateException("no Elasticsearch node jars at ragkb.es-node.jars=" + jarsProperty
          + "; build with Maven (-pl indexing -am), which copies them in module es-test-node");
    }
    Path home = Files.createTempDirectory("ragkb-es-node");
    try {
      return start(home, Path.of(jarsProperty));
    } catch (Exception | Error e) {
      deleteTree(home);
      throw e;
    }
  }

  private static ElasticsearchNode start(Path home, Path jars) throws Exception {
    layOut(home, jars);
    int httpPort = freePort();
    byte[] serverArgs = serverArgs(home, Map.of(
        "cluster.name", "ragkb-test",
        "node.name", "node-0",
        "network.host", "127.0.0.1",
        "http.port", Integer.toString(httpPort),
        "transport.port", Integer.toString(freePort()),
        "discovery.type", "single-node",
        // a nearly full disk of a build machine must not make the indexes read-only
        "cluster.routing.allocation.disk.threshold_enabled", "false"));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=" + home.resolve("tmp"),
        "-Des.path.home=" + home, "-Des.path.conf=" + home.resolve("config"), "-Des.distribution.type=tar",
        // as root the node refuses to start; without its unpacked native library it cannot tell
        "-Djna.nounpack=true",
        "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading",
        "-Des.entitlement.agentJar=" + home.resolve("entitlement-agent/agent.jar"),
        "-Dlog4j2.disable.jmx=true", "-Dlog4j.shutdownHookEnabled=false", "-Dlog4j2.formatMsgNoLookups=true",
        "-Dio.netty.noUnsafe=true", "-Dio.netty.noKeySetOptimization=true", "-Dio.netty.recycler.maxCapacityPerThread=0",
        "-Djava.locale.providers=CLDR",
        "--enable-native-access=org.elasticsearch.nativeaccess,ALL-UNNAMED",
        "--patch-module=java.base=" + home.resolve("entitlement-bridge"),
        "--add-exports=java.base/org.elasticsearch.entitlement.bridge=org.elasticsearch.entitlement",
        "--module-path", home.resolve("lib").toString(), "--add-modules=ALL-MODULE-PATH",
        "-m", "org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.toFile())
        .redirectOutput(home.resolve("logs/stdout.log").toFile());
    builder.environment().put("LIBFFI_TMPDIR", home.resolve("tmp").toString());
    Process process = builder.start();
    process.getOutputStream().write(serverArgs);
    process.getOutputStream().flush();

    CompletableFuture<Void> ready = watchStderr(process, home.resolve("logs/stderr.log"));
    var node = new ElasticsearchNode(home, process, URI.create("http://127.0.0.1:" + httpPort));
    try {
      ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      String logs = node.logTail();
      node.close();
      throw new IllegalStateException("the Elasticsearch node did not start:\n" + logs, e);
    }
    return node;
  }

  private static CompletableFuture<Void> watchStderr(Process process, Path log) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("es-node-stderr").start(() -> {
      try (InputStream err = process.getErrorStream(); OutputStream out = Files.newOutputStream(log)) {
        int b;
        while ((b = err.read()) != -1) {
          if (b == READY) {
            ready.complete(null);
          } else {
            out.write(b);
            out.flush();
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("the node closed stderr before it was ready"));
    });
    return ready;
  }

  private String logTail() throws IOException {
    StringBuilder tail = new StringBuilder();
    for (String name : List.of("logs/stderr.log", "logs/stdout.log")) {
      Path p = home.resolve(name);
      if (Files.exists(p)) {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        tail.append("--- ").append(name).append('\n').append(text.substring(Math.max(0, text.length() - 6_000)));
      }
    }
    return tail.toString();
  }

  /** The home directory: the node's jars linked, the plugin's descriptors extracted, the stand-ins built. */
  private static void layOut(Path home, Path jars) throws IOException {
    Path lib = Files.createDirectories(home.resolve("lib"));
    Path netty = Files.createDirectories(home.resolve("modules").resolve(NETTY_PLUGIN));
    for (String dir : List.of("config", "data", "logs", "tmp")) {
      Files.createDirectories(home.resolve(dir));
    }
    try (Stream<Path> all = Files.list(jars)) {
      for (Path jar : all.filter(p -> p.toString().endsWith(".jar")).toList()) {
        String name = jar.getFileName().toString();
        boolean plugin = name.startsWith("netty-") || name.startsWith(NETTY_PLUGIN + "-");
        // copies, not links: the node's entitlements allow reads under its home, not where links point
        Files.copy(jar, (plugin ? netty : lib).resolve(name));
        if (name.startsWith(NETTY_PLUGIN + "-")) {
          extractPluginDescriptors(jar, netty);
        }
      }
    }
    Files.writeString(home.resolve("config/elasticsearch.yml"), "");
    Files.writeString(home.resolve("config/log4j2.properties"), """
        status = error
        appender.console.type = Console
        appender.console.name = console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
        rootLogger.level = warn
        rootLogger.appenderRef.console.ref = console
        logger.node.name = org.elasticsearch.node.Node
        logger.node.level = info
        """);

    // the bridge goes into java.base, the agent onto the system class path, the console loader into its own loader
    copyBridge(home.resolve("entitlement-bridge"));
    Manifest agent = new Manifest();
    agent.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    agent.getMainAttributes().putValue("Agent-Class", EntitlementAgent.class.getName());
    agent.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    writeJar(Files.createDirectories(home.resolve("entitlement-agent")).resolve("agent.jar"), agent,
        EntitlementAgent.class);
    Manifest plain = new Manifest();
    plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    writeJar(Files.createDirectories(lib.resolve("tools/ansi-console")).resolve("ansi-console.jar"), plain,
        AnsiConsoleLoader.class);
  }

  private static void extractPluginDescriptors(Path pluginJar, Path into) throws IOException {
    String prefix = "META-INF/es-plugins/" + NETTY_PLUGIN + "/";
    try (JarFile jar = new JarFile(pluginJar.toFile())) {
      for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith(prefix) && !e.isDirectory()).toList()) {
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, into.resolve(e.getName().substring(prefix.length())));
        }
      }
    }
  }

  /**
   * The entitlement bridge's class files, nested and anonymous classes included, read as resources
   * (from test classes or from this module's test-jar).
   */
  private static final List<String> BRIDGE_CLASSES = List.of("NotEntitledException", "InstrumentationRegistry",
      "InstrumentationRegistryHandle", "InstrumentationRegistryHandle$Holder", "Util", "Util$1");

  private static void copyBridge(Path root) throws IOException {
    String pkg = NotEntitledException.class.getPackageName().replace('.', '/');
    Path target = Files.createDirectories(root.resolve(pkg));
    for (String name : BRIDGE_CLASSES) {
      Files.write(target.resolve(name + ".class"), classBytes(pkg + "/" + name + ".class"));
    }
  }

  private static void writeJar(Path jar, Manifest manifest, Class<?> type) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      String entry = type.getName().replace('.', '/') + ".class";
      out.putNextEntry(new JarEntry(entry));
      out.write(classBytes(entry));
      out.closeEntry();
    }
  }

  private static byte[] classBytes(String resource) throws IOException {
    try (InputStream in = ElasticsearchNode.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no class file " + resource);
      }
      return in.readAllBytes();
    }
  }

  /**
   * The bytes the node reads from stdin: {@code ServerArgs} built as the launcher builds them, with
   * the node's own classes in an isolated loader (they must not meet this module's Lucene).
   */
  private static byte[] serverArgs(Path home, Map<String, String> settings) throws Exception {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> settingsClass = loader.loadClass("org.elasticsearch.common.settings.Settings");
      Object builder = settingsClass.getMethod("builder").invoke(null);
      Method put = builder.getClass().getMethod("put", String.class, String.class);
      put.invoke(builder, "path.home", home.toString());
      put.invoke(builder, "path.data", home.resolve("data").toString());
      put.invoke(builder, "path.logs", home.resolve("logs").toString());
      for (var e : settings.entrySet()) {
        put.invoke(builder, e.getKey(), e.getValue());
      }
      Object input = builder.getClass().getMethod("build").invoke(builder);
      Object environment = loader.loadClass("org.elasticsearch.node.InternalSettingsPreparer")
          .getMethod("prepareEnvironment", settingsClass, Map.class, Path.class, Supplier.class)
          .invoke(null, input, Map.of(), home.resolve("config"), (Supplier<String>) () -> "node-0");
      Class<?> keystoreClass = loader.loadClass("org.elasticsearch.common.settings.KeyStoreWrapper");
      Object keystore = keystoreClass.getMethod("create").invoke(null);
      keystoreClass.getMethod("addBootstrapSeed", keystoreClass).invoke(null, keystore);
      Class<?> envClass = environment.getClass();
      Class<?> argsClass = loader.loadClass("org.elasticsearch.bootstrap.ServerArgs");
      Object args = argsClass.getConstructor(boolean.class, boolean.class, Path.class,
              loader.loadClass("org.elasticsearch.common.settings.SecureSettings"), settingsClass, Path.class, Path.class)
          .newInstance(false, false, null, keystore, envClass.getMethod("settings").invoke(environment),
              envClass.getMethod("configDir").invoke(environment), envClass.getMethod("logsDir").invoke(environment));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Class<?> streamClass = loader.loadClass("org.elasticsearch.common.io.stream.OutputStreamStreamOutput");
      Object stream = streamClass.getConstructor(OutputStream.class).newInstance(bytes);
      argsClass.getMethod("writeTo", loader.loadClass("org.elasticsearch.common.io.stream.StreamOutput"))
          .invoke(args, stream);
      streamClass.getMethod("flush").invoke(stream);
      return bytes.toByteArray();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the node ({@code \u001B} on stdin, then a kill if it lingers) and deletes its home. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (process.isAlive()) {
        try {
          process.getOutputStream().write(SHUTDOWN);
          process.getOutputStream().flush();
        } catch (IOException alreadyGone) {
          // the node closed stdin while exiting: nothing left to ask
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      deleteTree(home);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
