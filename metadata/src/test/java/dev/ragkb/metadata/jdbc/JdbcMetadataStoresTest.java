package dev.ragkb.metadata.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.Acl;
import dev.ragkb.core.ConflictException;
import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStatus;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.RetrievalSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC stores against a real H2 file database migrated by the same Flyway scripts as the service. */
class JdbcMetadataStoresTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path dir;
  private JdbcKnowledgeBaseStore kbs;
  private JdbcDocumentStore documents;
  private JdbcJobStore jobs;
  private final KnowledgeBase kb = new KnowledgeBase("kb-1", "handbook", "en", "bge-small-en-v1.5-q", NOW);

  @BeforeEach
  void migrate() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("meta") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    Flyway.configure().dataSource(ds).load().migrate();
    kbs = new JdbcKnowledgeBaseStore(ds);
    documents = new JdbcDocumentStore(ds);
    jobs = new JdbcJobStore(ds, Clock.fixed(NOW, ZoneOffset.UTC));
    kbs.create(kb);
  }

  private Document doc(String id, DocumentStatus status) {
    return new Document(id, kb.id(), id + ".pdf", "Title " + id, "hash-" + id, status, null, 0,
        new Acl(Set.of("alice"), Set.of("hr", "sales")), Set.of("policy"), "job-1", NOW);
  }

  @Test
  void findsKnowledgeBasesByNameAndIdAndRefusesADuplicateName() {
    assertThat(kbs.findByName("handbook")).contains(kb);
    assertThat(kbs.findById("kb-1")).contains(kb);
    assertThat(kbs.findByName("other")).isEmpty();
    assertThatThrownBy(() -> kbs.create(new KnowledgeBase("kb-2", "handbook", "en", "m", NOW)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void recordsRetrievalSettingsAtCreationAndReplacesThem() {
    var rrf = new RetrievalSettings(FusionMethod.RRF, null, 20, 0.7);
    var tuned = kb("kb-2", "tuned").withRetrieval(rrf);
    kbs.create(tuned);
    assertThat(kbs.findByName("tuned")).contains(tuned);
    assertThat(kbs.findByName("handbook").orElseThrow().retrieval()).isEqualTo(RetrievalSettings.INHERIT);

    var linear = new RetrievalSettings(FusionMethod.LINEAR_Z_SCORE, 0.25, null, null);
    kbs.updateRetrieval("kb-2", linear);

    assertThat(kbs.findById("kb-2").orElseThrow().retrieval()).isEqualTo(linear);
    assertThatThrownBy(() -> kbs.updateRetrieval("no-such-kb", linear)).isInstanceOf(NotFoundException.class);
  }

  private static KnowledgeBase kb(String id, String name) {
    return new KnowledgeBase(id, name, "en", "bge-small-en-v1.5-q", NOW);
  }

  @Test
  void savesReplacesAndDeletesDocuments() {
    Document d = doc("a", DocumentStatus.QUEUED);
    documents.save(d);
    assertThat(documents.find(kb.id(), "a")).contains(d);

    Document indexed = d.withStatus(DocumentStatus.INDEXED, null, 7, NOW.plus(1, ChronoUnit.MINUTES));
    documents.save(indexed);
    assertThat(documents.find(kb.id(), "a")).contains(indexed);
    assertThat(documents.list(kb.id())).containsExactly(indexed);

    documents.delete(kb.id(), "a");
    assertThat(documents.find(kb.id(), "a")).isEmpty();
  }

  @Test
  void listsOnlyQueuedAndProcessingDocumentsAsPending() {
    documents.save(doc("q", DocumentStatus.QUEUED));
    documents.save(doc("p", DocumentStatus.PROCESSING));
    documents.save(doc("i", DocumentStatus.INDEXED));
    documents.save(doc("f", DocumentStatus.FAILED));

    assertThat(documents.pending()).extracting(Document::id).containsExactlyInAnyOrder("q", "p");
  }

  @Test
  void countsOutcomesAndDerivesTheJobStatus() {
    jobs.create(new Job("job-1", kb.id(), JobStatus.QUEUED, 3, 0, 0, 0, List.of(), NOW, NOW));
    assertThat(jobs.find("job-1")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.QUEUED));

    jobs.recordOutcome("job-1", "a", JobStore.Outcome.SUCCEEDED, null);
    assertThat(jobs.find("job-1").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    jobs.recordOutcome("job-1", "b", JobStore.Outcome.SKIPPED, null);
    jobs.recordOutcome("job-1", "d", JobStore.Outcome.FAILED, new Job.DocumentError("d", "bad.pdf", "unparseable_document", "encrypted"));

    Job job = jobs.find("job-1").orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.PARTIALLY_FAILED);
    assertThat(job.done()).isEqualTo(3);
    assertThat(job.errors()).containsExactly(new Job.DocumentError("d", "bad.pdf", "unparseable_document", "encrypted"));
    assertThat(jobs.find("nope")).isEmpty();
  }

  @Test
  void neverLosesACountUnderConcurrentWorkers() throws Exception {
    int n = 200;
    jobs.create(new Job("job-c", kb.id(), JobStatus.QUEUED, n, 0, 0, 0, List.of(), NOW, NOW));
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < n; i++) {
        int k = i;
        pool.submit(() -> jobs.recordOutcome("job-c", "d" + k, k % 10 == 0 ? JobStore.Outcome.FAILED : JobStore.Outcome.SUCCEEDED,
            k % 10 == 0 ? new Job.DocumentError("d" + k, "s" + k, "x", "y") : null));
      }
    }
    Job job = jobs.find("job-c").orElseThrow();
    assertThat(job.succeeded()).isEqualTo(180);
    assertThat(job.failed()).isEqualTo(20);
    assertThat(job.errors()).hasSize(20);
    assertThat(job.status()).isEqualTo(JobStatus.PARTIALLY_FAILED);
  }
}
