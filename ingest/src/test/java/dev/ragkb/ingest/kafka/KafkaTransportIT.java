package dev.ragkb.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.JobStatus;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextQuery;
import dev.ragkb.ingest.BlobKeys;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.Upload;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion over the embedded broker, stage by stage through the topics: re-ingest of unchanged and
 * changed content, delete, dead letters and their replay. One broker for the class; each test uses
 * its own document ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaTransportIT {

  @TempDir static Path dataDir;

  private final CountingEmbeddingModel model = new CountingEmbeddingModel("zyzzyva");
  private final AtomicInteger lostOutcomes = new AtomicInteger();
  private IngestRig rig;
  private KnowledgeBase kb;

  @BeforeAll
  void start() {
    rig = new IngestRig(dataDir, model, 1, this::failingSucceededOutcomes);
    kb = rig.knowledgeBase();
  }

  @AfterAll
  void stop() throws Exception {
    rig.close();
  }

  /** Fails the next {@code lostOutcomes} writes of a SUCCEEDED outcome, as a crash after the document's own write would. */
  private JobStore failingSucceededOutcomes(JobStore jobs) {
    return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordOutcome") && args[2] == JobStore.Outcome.SUCCEEDED
              && lostOutcomes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("outcome lost (test)");
          }
          try {
            return method.invoke(jobs, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static Upload text(String documentId, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new Upload(documentId + ".txt", documentId, () -> new ByteArrayInputStream(bytes), Acl.PUBLIC, Set.of());
  }

  private Job ingest(Upload... uploads) {
    String jobId = rig.ingestor.ingest(kb, List.of(uploads)).jobId();
    return Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
        .until(() -> rig.jobs.find(jobId).orElseThrow(), j -> j.done() == j.total());
  }

  private IndexContents index() throws Exception {
    return IndexContents.read(dataDir.resolve("index"), kb.id());
  }

  /**
   * The document's status is written before its job's outcome; when the outcome is lost, the
   * document is already INDEXED (no longer in flight), and the redone write must still tell the job.
   */
  @Test
  void aJobHearsOfADocumentWhoseOutcomeWasLostAfterItWasRecordedIndexed() {
    lostOutcomes.set(1);
    Job job = ingest(text("lost-outcome", "The loading dock accepts deliveries between six and ten in the morning."));

    assertThat(lostOutcomes.get()).isZero();
    assertThat(job.succeeded()).isEqualTo(1);
    assertThat(rig.documents.find(kb.id(), "lost-outcome").orElseThrow().status()).isEqualTo(DocumentStatus.INDEXED);
  }

  @Test
  void reingestingUnchangedContentEmbedsNothingAndCountsItSkipped() throws Exception {
    Job first = ingest(text("same", "The staff canteen serves lunch from noon until two every weekday."));
    int embedded = model.passagesEmbedded();

    Job again = ingest(text("same", "The staff canteen serves lunch from noon until two every weekday."));

    assertThat(first.succeeded()).isEqualTo(1);
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(again.succeeded()).isZero();
    assertThat(model.passagesEmbedded()).isEqualTo(embedded);
    assertThat(index().chunksOf("same")).isEqualTo(1);
  }

  @Test
  void changedContentReplacesTheOldChunksUnderTheSameId() throws Exception {
    ingest(text("policy", "Version one says the parking garage closes at nine in the evening."));
    List<String> before = index().chunkIds().stream().filter(id -> id.startsWith("policy:")).toList();

    Job job = ingest(text("policy", "Version two says the parking garage closes at eleven at night."));

    List<String> after = index().chunkIds().stream().filter(id -> id.startsWith("policy:")).toList();
    assertThat(job.succeeded()).isEqualTo(1);
    assertThat(before).hasSize(1);
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    assertThat(rig.documents.find(kb.id(), "policy").orElseThrow().chunkCount()).isEqualTo(1);
    assertThat(rig.index.searchText(new TextQuery(kb.id(), "nine evening", 10, SearchFilter.of(new Principal.Admin()))))
        .isEmpty();
  }

  @Test
  void deleteLeavesNothingOfTheDocumentInAnyStore() throws Exception {
    ingest(text("leaving", "This memo about the old cafeteria menu will be withdrawn soon."));
    assertThat(index().chunksOf("leaving")).isEqualTo(1);

    rig.remover.delete(kb, "leaving");

    assertThat(index().chunksOf("leaving")).isZero();
    assertThat(rig.documents.find(kb.id(), "leaving")).isEmpty();
    assertThat(dataDir.resolve("blobs").resolve(BlobKeys.documentPrefix(kb.id(), "leaving"))).doesNotExist();
  }

  @Test
  void stageOutputsAreDroppedOnceTheDocumentIsIndexed() throws Exception {
    ingest(text("tidy", "Stage outputs of an indexed version are not kept around."));

    String original = BlobKeys.original(kb.id(), "tidy", rig.documents.find(kb.id(), "tidy").orElseThrow().contentHash());
    assertThat(dataDir.resolve("blobs").resolve(original)).exists();
    for (String derived : BlobKeys.derived(original)) {
      assertThat(dataDir.resolve("blobs").resolve(derived)).doesNotExist();
    }
  }

  @Test
  void aDocumentThatKeepsFailingIsDeadLetteredShownInItsJobAndReplayedOnceFixed() throws Exception {
    model.outage(true);
    Job failed = ingest(text("fragile", "The zyzzyva beetle report depends on the embedding service."),
        text("sturdy", "This neighbour in the same job is embedded without trouble."));

    assertThat(failed.status()).isEqualTo(JobStatus.PARTIALLY_FAILED);
    assertThat(failed.errors()).singleElement().satisfies(e -> {
      assertThat(e.documentId()).isEqualTo("fragile");
      assertThat(e.code()).isEqualTo("unavailable");
    });

    model.outage(false);
    var report = rig.transport.replayDeadLetters(rig.ingestor::requeue);
    Job replayed = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
        .until(() -> rig.jobs.find(failed.id()).orElseThrow(), j -> j.status() == JobStatus.SUCCEEDED);

    assertThat(report.replayed()).isEqualTo(1);
    assertThat(replayed.succeeded()).isEqualTo(2);
    assertThat(replayed.failed()).isZero();
    assertThat(replayed.errors()).isEmpty();
    assertThat(index().chunksOf("fragile")).isEqualTo(1);
    assertThat(rig.transport.replayDeadLetters(rig.ingestor::requeue).replayed()).isZero();
  }

  @Test
  void aDocumentIdIsDerivedFromKnowledgeBaseAndSourceWhenTheClientGivesNone() {
    assertThat(DocumentIngestor.derivedDocumentId(kb.id(), "a/b.txt"))
        .isEqualTo(DocumentIngestor.derivedDocumentId(kb.id(), "a/b.txt"))
        .isNotEqualTo(DocumentIngestor.derivedDocumentId(kb.id(), "a/c.txt"));
    assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))).isTrue();
  }
}
