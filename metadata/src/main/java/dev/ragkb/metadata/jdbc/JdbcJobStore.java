package dev.ragkb.metadata.jdbc;

import dev.ragkb.core.Job;
import dev.ragkb.core.JobStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Jobs in the {@code jobs} table, their per-document errors in {@code job_errors}. */
public final class JdbcJobStore implements JobStore {

  private final Sql sql;
  private final Clock clock;

  public JdbcJobStore(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
  }

  @Override
  public void create(Job job) {
    sql.update(
        "INSERT INTO jobs (id, kb_id, total, succeeded, skipped, failed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        job.id(), job.kbId(), job.total(), job.succeeded(), job.skipped(), job.failed(), Sql.timestamp(job.createdAt()),
        Sql.timestamp(job.updatedAt()));
  }

  @Override
  public Optional<Job> find(String jobId) {
    return sql.inTransaction(c -> {
      List<Job.DocumentError> errors = Sql.query(c,
          "SELECT document_id, source, code, message FROM job_errors WHERE job_id = ? ORDER BY seq",
          r -> new Job.DocumentError(r.getString(1), r.getString(2), r.getString(3), r.getString(4)), jobId);
      return Sql.query(c, "SELECT * FROM jobs WHERE id = ?", r -> map(r, errors), jobId).stream().findFirst();
    });
  }

  @Override
  public void recordOutcome(String jobId, String documentId, Outcome outcome, Job.@Nullable DocumentError error) {
    // Counters are moved in SQL inside one transaction, so concurrent workers never lose a count; the
    // job_documents row makes a repeated report of the same outcome a no-op.
    sql.inTransaction(c -> {
      List<Outcome> previous = Sql.query(c,
          "SELECT outcome FROM job_documents WHERE job_id = ? AND document_id = ? FOR UPDATE",
          r -> Outcome.valueOf(r.getString(1)), jobId, documentId);
      if (!previous.isEmpty() && previous.getFirst() == outcome) {
        return null;
      }
      if (previous.isEmpty()) {
        Sql.update(c, "INSERT INTO job_documents (job_id, document_id, outcome) VALUES (?, ?, ?)",
            jobId, documentId, outcome.name());
        Sql.update(c, "UPDATE jobs SET " + column(outcome) + " = " + column(outcome) + " + 1, updated_at = ? WHERE id = ?",
            Sql.timestamp(clock.instant()), jobId);
      } else {
        Outcome old = previous.getFirst();
        Sql.update(c, "UPDATE job_documents SET outcome = ? WHERE job_id = ? AND document_id = ?",
            outcome.name(), jobId, documentId);
        Sql.update(c, "UPDATE jobs SET " + column(old) + " = " + column(old) + " - 1, " + column(outcome) + " = "
            + column(outcome) + " + 1, updated_at = ? WHERE id = ?", Sql.timestamp(clock.instant()), jobId);
        if (old == Outcome.FAILED) {
          Sql.update(c, "DELETE FROM job_errors WHERE job_id = ? AND document_id = ?", jobId, documentId);
        }
      }
      if (error != null) {
        Sql.update(c,
            "INSERT INTO job_errors (job_id, seq, document_id, source, code, message)"
                + " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM job_errors WHERE job_id = ?",
            jobId, documentId, error.source(), error.code(), error.message(), jobId);
      }
      return null;
    });
  }

  private static String column(Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> "succeeded";
      case SKIPPED -> "skipped";
      case FAILED -> "failed";
    };
  }

  private static Job map(ResultSet r, List<Job.DocumentError> errors) throws SQLException {
    int total = r.getInt("total");
    int succeeded = r.getInt("succeeded");
    int skipped = r.getInt("skipped");
    int failed = r.getInt("failed");
    return new Job(r.getString("id"), r.getString("kb_id"), Job.statusOf(total, succeeded, skipped, failed), total,
        succeeded, skipped, failed, errors, Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
  }
}
