package dev.ragkb.ingest.kafka;

import dev.ragkb.core.RetriableException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), running in this JVM with
 * its log under one directory, so topics and committed offsets survive a restart. The log directory
 * is formatted once, on first start. Not for production clusters: one replica, no security.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()} once.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER = "CONTROLLER";

  /**
   * @param logDir where the broker keeps its log and metadata
   * @param port the client port; 0 picks a free one at each start
   * @param partitions default partitions of a new topic
   */
  public record Settings(Path logDir, int port, int partitions) {
    public Settings {
      if (port < 0 || partitions < 1) {
        throw new IllegalArgumentException("bad port or partitions: " + port + ", " + partitions);
      }
    }
  }

  private final Settings settings;
  private @Nullable KafkaRaftServer server;
  private String bootstrapServers = "";

  public EmbeddedKafkaBroker(Settings settings) {
    this.settings = settings;
  }

  /** Formats the log directory if it is new, starts the broker and returns once it serves clients. */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    int port;
    int controllerPort;
    try {
      Files.createDirectories(settings.logDir());
      port = settings.port() == 0 ? freePort() : settings.port();
      controllerPort = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka log directory " + settings.logDir(), e);
    }
    KafkaConfig config = KafkaConfig.fromProps(properties(port, controllerPort));
    if (!Files.exists(settings.logDir().resolve("meta.properties"))) {
      format();
    }
    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
    started.startup();
    server = started;
    bootstrapServers = "localhost:" + port;
    log.info("embedded Kafka broker listening on {} with its log in {}", bootstrapServers, settings.logDir());
  }

  private void format() {
    String dir = settings.logDir().toAbsolutePath().toString();
    try {
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setControllerListenerName(CONTROLLER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      // Formatter.run declares Exception; a new, empty directory fails only for I/O reasons
      throw new RetriableException("cannot format the Kafka log directory " + dir, e);
    }
    log.info("formatted a new Kafka log in {}", dir);
  }

  /** {@code host:port} for clients; valid after {@link #start()}. */
  public String bootstrapServers() {
    if (bootstrapServers.isEmpty()) {
      throw new IllegalStateException("not started");
    }
    return bootstrapServers;
  }

  private Properties properties(int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    p.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER + "://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", CONTROLLER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    p.put("log.dirs", settings.logDir().toAbsolutePath().toString());
    p.put("num.partitions", String.valueOf(settings.partitions()));
    // One node: every internal topic has one replica, or the broker waits forever for the others.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // The default 50 offset partitions cost seconds at first start for nothing on one node.
    p.put("offsets.topic.num.partitions", "5");
    // After a crash the controller keeps the dead incarnation registered until its session expires
    // (9 s by default) and the restarted broker waits that long; one node has no one to fail over to.
    p.put("broker.session.timeout.ms", "2000");
    p.put("broker.heartbeat.interval.ms", "500");
    // A lone consumer group member need not wait 3 s for others to join.
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
      log.info("embedded Kafka broker stopped");
    }
  }
}
