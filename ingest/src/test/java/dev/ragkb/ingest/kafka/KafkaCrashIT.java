package dev.ragkb.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Job;
import dev.ragkb.core.JobStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At-least-once with idempotent writes, proved the hard way: the pipeline runs in a child JVM (broker,
 * workers, metadata, index, all in process as in {@code ./rag serve}) and is killed with SIGKILL at
 * random points of its progress, then started again on the same data directory, until the job is
 * done. The result must equal an uninterrupted run's: the same documents, the same chunk ids, no
 * chunk id and no vector twice, and a job that counts every document exactly once.
 *
 * <p>The kill points come from the seed, which the test's name shows; a failure replays with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaCrashIT {

  private static final int DOCUMENTS = 300;
  private static final int KILLS = 3;

  @TempDir static Path work;
  private Path docs;
  private IndexContents reference;
  private final String kbId = IngestRig.KB_ID;

  @BeforeAll
  void generateDocumentsAndRunThemUninterrupted() throws Exception {
    docs = Files.createDirectories(work.resolve("docs"));
    for (int i = 0; i < DOCUMENTS; i++) {
      Files.writeString(docs.resolve("doc-%03d.txt".formatted(i)), document(i), StandardCharsets.UTF_8);
    }
    Path dataDir = work.resolve("reference");
    List<String> lines = runChild(dataDir, Integer.MAX_VALUE);
    assertThat(lines.getLast()).isEqualTo("CHILD finished " + DOCUMENTS + " 0");
    reference = IndexContents.read(dataDir.resolve("index"), kbId);
    assertThat(new HashSet<>(reference.documentIds())).hasSize(DOCUMENTS);
  }

  /** A few short paragraphs of words no other document has, so every chunk and vector is distinct. */
  private static String document(int n) {
    StringBuilder text = new StringBuilder();
    SplittableRandom random = new SplittableRandom(n);
    int paragraphs = 1 + random.nextInt(4);
    for (int p = 0; p < paragraphs; p++) {
      for (int w = 0; w < 25; w++) {
        text.append("w").append(n).append('x').append(p).append('x').append(w % 7 == 0 ? random.nextInt(1000) : w).append(' ');
      }
      text.append(".\n\n");
    }
    return text.toString();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 1234, 987654321})
  void killedAtRandomPointsItFinishesWithExactlyTheResultOfAnUninterruptedRun(long seed) throws Exception {
    Path dataDir = work.resolve("crash-" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    TreeSet<Integer> killPoints = new TreeSet<>();
    while (killPoints.size() < KILLS) {
      killPoints.add(random.nextInt(DOCUMENTS));
    }
    int lives = 0;
    for (int killAt : killPoints) {
      runChild(dataDir, killAt);
      lives++;
    }
    List<String> last = runChild(dataDir, Integer.MAX_VALUE);
    lives++;

    IndexContents crashed = IndexContents.read(dataDir.resolve("index"), kbId);
    assertThat(last.getLast()).as("seed %d, kills at %s", seed, killPoints).isEqualTo("CHILD finished " + DOCUMENTS + " 0");
    assertThat(lives).isEqualTo(KILLS + 1);
    assertThat(crashed.chunkIds()).doesNotHaveDuplicates();
    assertThat(crashed.vectors()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(crashed.documentIds())).hasSize(DOCUMENTS);
    assertThat(crashed.chunkIds()).hasSameSizeAs(reference.chunkIds()).containsExactlyInAnyOrderElementsOf(reference.chunkIds());
    try (IngestRig rig = new IngestRig(dataDir, new CountingEmbeddingModel("unused"), 1)) {
      Job job = rig.jobs.find(Files.readString(dataDir.resolve("job-id")).strip()).orElseThrow();
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(job.succeeded()).isEqualTo(DOCUMENTS);
      assertThat(job.total()).isEqualTo(DOCUMENTS);
    }
  }

  /**
   * Runs the child until it reports at least {@code killAt} documents done, then SIGKILLs it; or, for
   * {@link Integer#MAX_VALUE}, until it finishes by itself.
   *
   * @return the protocol lines it printed
   */
  private List<String> runChild(Path dataDir, int killAt) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dataDir.toString(), docs.toString())
        .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("child-" + dataDir.getFileName() + ".log").toFile()))
        .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (!line.startsWith("CHILD ")) {
          continue;
        }
        lines.add(line);
        if (killAt != Integer.MAX_VALUE && line.startsWith("CHILD progress ")
            && Integer.parseInt(line.substring("CHILD progress ".length())) >= killAt) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no clean close
          break;
        }
      }
    }
    int exit = child.waitFor();
    if (killAt == Integer.MAX_VALUE) {
      assertThat(exit).as("child exit code; its log is in %s", work).isZero();
    }
    return lines;
  }
}
