package dev.ragkb.ingest.kafka;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Job;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.ingest.Upload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The crash test's child JVM: starts the whole ingestion side on a data directory, submits every file
 * of a folder as one job unless an earlier life already did, and reports on stdout until the job is
 * done. The parent kills it with SIGKILL whenever it likes and starts it again.
 *
 * <p>Protocol, one line each: {@code CHILD submitted JOB}, {@code CHILD progress DONE}, {@code CHILD
 * finished SUCCEEDED FAILED}.
 */
final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    Path docs = Path.of(args[1]);
    try (IngestRig rig = new IngestRig(dataDir, new CountingEmbeddingModel("never-unavailable"), 2)) {
      KnowledgeBase kb = rig.knowledgeBase();
      String jobId = submitOnce(rig, kb, docs, dataDir.resolve("job-id"));
      System.out.println("CHILD submitted " + jobId);
      AtomicInteger reported = new AtomicInteger(-1);
      Job job = Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> {
            Job j = rig.jobs.find(jobId).orElseThrow();
            if (reported.getAndSet(j.done()) != j.done()) {
              System.out.println("CHILD progress " + j.done());
            }
            return j;
          }, j -> j.done() == j.total());
      System.out.println("CHILD finished " + job.succeeded() + " " + job.failed());
    }
  }

  /** The job id lands in a file only once the whole job is submitted, so a killed submission is redone. */
  private static String submitOnce(IngestRig rig, KnowledgeBase kb, Path docs, Path jobFile) throws IOException {
    if (Files.exists(jobFile)) {
      return Files.readString(jobFile).strip();
    }
    List<Upload> uploads;
    try (Stream<Path> files = Files.list(docs)) {
      uploads = files.sorted().map(f -> new Upload(f.getFileName().toString(), null, () -> Files.newInputStream(f),
          Acl.PUBLIC, Set.of())).toList();
    }
    String jobId = rig.ingestor.ingest(kb, uploads).jobId();
    Path tmp = jobFile.resolveSibling("job-id.tmp");
    Files.writeString(tmp, jobId, StandardCharsets.UTF_8);
    Files.move(tmp, jobFile, StandardCopyOption.ATOMIC_MOVE);
    return jobId;
  }
}
