package dev.ragkb.metadata.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStatus;
import dev.ragkb.core.JobStore.Outcome;
import dev.ragkb.core.KnowledgeBase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metadata stores on an in-memory H2 with the real migrations: what at-least-once delivery relies on. */
class JdbcStoresTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Set<DocumentStatus> IN_FLIGHT = EnumSet.of(DocumentStatus.QUEUED, DocumentStatus.PROCESSING);

  private JdbcConnectionPool dataSource;
  private JdbcJobStore jobs;
  private JdbcDocumentStore documents;

  @BeforeEach
  void migrate() {
    dataSource = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
        "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    new JdbcKnowledgeBaseStore(dataSource).create(new KnowledgeBase("kb", "kb", "en", "m", NOW));
    jobs = new JdbcJobStore(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
    documents = new JdbcDocumentStore(dataSource);
    jobs.create(new Job("job", "kb", JobStatus.QUEUED, 2, 0, 0, 0, List.of(), NOW, NOW));
  }

  @AfterEach
  void close() {
    dataSource.dispose();
  }

  private static Job.DocumentError error(String documentId) {
    return new Job.DocumentError(documentId, documentId + ".txt", "unavailable", "embedding service unavailable");
  }

  @Test
  void recordingTheSameOutcomeTwiceCountsTheDocumentOnce() {
    jobs.recordOutcome("job", "a", Outcome.SUCCEEDED, null);
    jobs.recordOutcome("job", "a", Outcome.SUCCEEDED, null);
    jobs.recordOutcome("job", "b", Outcome.FAILED, error("b"));
    jobs.recordOutcome("job", "b", Outcome.FAILED, error("b"));

    Job job = jobs.find("job").orElseThrow();
    assertThat(job.succeeded()).isEqualTo(1);
    assertThat(job.failed()).isEqualTo(1);
    assertThat(job.errors()).hasSize(1);
    assertThat(job.status()).isEqualTo(JobStatus.PARTIALLY_FAILED);
  }

  @Test
  void aLaterOutcomeReplacesTheEarlierOneAndItsError() {
    jobs.recordOutcome("job", "a", Outcome.SUCCEEDED, null);
    jobs.recordOutcome("job", "b", Outcome.FAILED, error("b"));

    jobs.recordOutcome("job", "b", Outcome.SUCCEEDED, null);

    Job job = jobs.find("job").orElseThrow();
    assertThat(job.succeeded()).isEqualTo(2);
    assertThat(job.failed()).isZero();
    assertThat(job.errors()).isEmpty();
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  private static Document doc(String hash, String jobId, DocumentStatus status) {
    return new Document("a", "kb", "a.txt", "a", hash, status, null, 0, Acl.PUBLIC, Set.of(), jobId, NOW);
  }

  @Test
  void aConditionalSaveNeverMovesAFinishedDocumentBack() {
    documents.save(doc("h1", "job", DocumentStatus.INDEXED));

    boolean moved = documents.saveIf(doc("h1", "job", DocumentStatus.PROCESSING), IN_FLIGHT);

    assertThat(moved).isFalse();
    assertThat(documents.find("kb", "a").orElseThrow().status()).isEqualTo(DocumentStatus.INDEXED);
  }

  @Test
  void aConditionalSaveTouchesOnlyTheVersionAndJobItNames() {
    documents.save(doc("h2", "job2", DocumentStatus.QUEUED));

    boolean oldVersion = documents.saveIf(doc("h1", "job2", DocumentStatus.INDEXED), IN_FLIGHT);
    boolean oldJob = documents.saveIf(doc("h2", "job1", DocumentStatus.INDEXED), IN_FLIGHT);
    boolean current = documents.saveIf(doc("h2", "job2", DocumentStatus.PROCESSING), IN_FLIGHT);

    assertThat(oldVersion).isFalse();
    assertThat(oldJob).isFalse();
    assertThat(current).isTrue();
    assertThat(documents.find("kb", "a").orElseThrow().status()).isEqualTo(DocumentStatus.PROCESSING);
  }
}
