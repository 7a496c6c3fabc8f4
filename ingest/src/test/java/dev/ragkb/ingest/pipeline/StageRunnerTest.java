package dev.ragkb.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.InMemoryDocumentStore;
import dev.ragkb.core.RetriableException;
import dev.ragkb.core.UnparseableDocumentException;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StageRunnerTest {

  private final InMemoryDocumentStore documents = new InMemoryDocumentStore();
  private final List<String> failures = new ArrayList<>();
  private final StageRunner runner = new StageRunner(new RetryPolicy(3, Duration.ofMillis(1)), documents,
      (stage, d, code, message, attempts) -> failures.add(stage + " " + d.documentId() + " " + code + " " + attempts));
  private final DocumentReceived received = new DocumentReceived("job-1", "kb", "doc", "doc.txt", "blob", "hash-1",
      Acl.PUBLIC, Set.of());
  private final AtomicInteger tries = new AtomicInteger();

  private void store(String hash, String job, DocumentStatus status) {
    documents.save(new Document("doc", "kb", "doc.txt", "doc", hash, status, null, 0, Acl.PUBLIC, Set.of(), job,
        Instant.EPOCH));
  }

  @Test
  void retriesARetriableFailureUntilItSucceeds() {
    store("hash-1", "job-1", DocumentStatus.QUEUED);

    runner.run("embed", received, () -> {
      if (tries.incrementAndGet() < 3) {
        throw new RetriableException("embedding service unavailable", null);
      }
    });

    assertThat(tries).hasValue(3);
    assertThat(failures).isEmpty();
  }

  @Test
  void failsTheDocumentWhenTheTriesRunOut() {
    store("hash-1", "job-1", DocumentStatus.PROCESSING);

    runner.run("embed", received, () -> {
      tries.incrementAndGet();
      throw new RetriableException("embedding service unavailable", null);
    });

    assertThat(tries).hasValue(3);
    assertThat(failures).containsExactly("embed doc unavailable 3");
  }

  @Test
  void failsAPermanentFailureAtOnceAndAnUnexpectedOneAsAnInternalError() {
    store("hash-1", "job-1", DocumentStatus.PROCESSING);

    runner.run("parse", received, () -> {
      tries.incrementAndGet();
      throw new UnparseableDocumentException(UnparseableDocumentException.Reason.CORRUPT, "not a PDF");
    });
    runner.run("chunk", received, () -> {
      throw new IllegalStateException("bug");
    });

    assertThat(tries).hasValue(1);
    assertThat(failures).hasSize(2);
    assertThat(failures.getFirst()).startsWith("parse doc ").endsWith(" 1");
    assertThat(failures.getLast()).isEqualTo("chunk doc internal_error 1");
  }

  @Test
  void dropsADocumentThatIsNoLongerWanted() {
    // deleted
    runner.run("parse", received, tries::incrementAndGet);
    // replaced by a newer upload
    store("hash-2", "job-2", DocumentStatus.QUEUED);
    runner.run("parse", received, tries::incrementAndGet);
    // already finished
    store("hash-1", "job-1", DocumentStatus.INDEXED);
    runner.run("parse", received, tries::incrementAndGet);

    assertThat(tries).hasValue(0);
    assertThat(failures).isEmpty();
  }

  @Test
  void doesNotFailADocumentReplacedWhileItsStageRan() {
    store("hash-1", "job-1", DocumentStatus.PROCESSING);

    runner.run("parse", received, () -> {
      store("hash-2", "job-2", DocumentStatus.QUEUED);
      throw new UnparseableDocumentException(UnparseableDocumentException.Reason.CORRUPT, "blob gone");
    });

    assertThat(failures).isEmpty();
  }

  @Test
  void anInterruptWhileBackingOffLeavesTheDocumentUnfinished() {
    store("hash-1", "job-1", DocumentStatus.PROCESSING);

    try {
      assertThatThrownBy(() -> runner.run("embed", received, () -> {
        Thread.currentThread().interrupt();
        throw new RetriableException("embedding service unavailable", null);
      })).isInstanceOf(StageRunner.Interrupted.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void theIndexStageStillOwesAnIndexedDocumentItsJobsOutcome() {
    store("hash-1", "job-1", DocumentStatus.INDEXED);

    assertThat(runner.isCurrent(received)).isFalse();
    assertThat(runner.awaitsIndexing(received)).isTrue();
    runner.run("index", received, runner::awaitsIndexing, tries::incrementAndGet);
    assertThat(tries).hasValue(1);
  }
}
