package dev.ragkb.metadata.jdbc;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Document;
import dev.ragkb.core.DocumentStatus;
import dev.ragkb.core.DocumentStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Documents in the {@code documents} table. */
public final class JdbcDocumentStore implements DocumentStore {

  private static final String COLUMNS =
      "kb_id, id, source, title, content_hash, status, error, chunk_count, acl_users, acl_groups, tags, job_id, updated_at";

  private final Sql sql;

  public JdbcDocumentStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public void save(Document d) {
    // UPDATE then INSERT rather than MERGE / ON CONFLICT, which H2 and PostgreSQL spell differently.
    sql.inTransaction(c -> {
      int updated = Sql.update(c,
          "UPDATE documents SET source = ?, title = ?, content_hash = ?, status = ?, error = ?, chunk_count = ?,"
              + " acl_users = ?, acl_groups = ?, tags = ?, job_id = ?, updated_at = ? WHERE kb_id = ? AND id = ?",
          d.source(), d.title(), d.contentHash(), d.status().name(), d.error(), d.chunkCount(),
          join(d.acl().users()), join(d.acl().groups()), join(d.tags()), d.jobId(), Sql.timestamp(d.updatedAt()),
          d.kbId(), d.id());
      if (updated == 0) {
        Sql.update(c, "INSERT INTO documents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            d.kbId(), d.id(), d.source(), d.title(), d.contentHash(), d.status().name(), d.error(), d.chunkCount(),
            join(d.acl().users()), join(d.acl().groups()), join(d.tags()), d.jobId(), Sql.timestamp(d.updatedAt()));
      }
      return null;
    });
  }

  @Override
  public boolean saveIf(Document d, Set<DocumentStatus> expected) {
    if (expected.isEmpty()) {
      return false;
    }
    List<Object> params = new ArrayList<>(List.of(d.source(), d.title(), d.status().name()));
    params.add(d.error());
    params.addAll(List.of(d.chunkCount(), join(d.acl().users()), join(d.acl().groups()), join(d.tags()),
        Sql.timestamp(d.updatedAt()), d.kbId(), d.id(), d.contentHash(), d.jobId()));
    expected.forEach(status -> params.add(status.name()));
    return sql.update(
        "UPDATE documents SET source = ?, title = ?, status = ?, error = ?, chunk_count = ?, acl_users = ?,"
            + " acl_groups = ?, tags = ?, updated_at = ? WHERE kb_id = ? AND id = ? AND content_hash = ? AND job_id = ?"
            + " AND status IN (" + String.join(", ", Collections.nCopies(expected.size(), "?")) + ")",
        params.toArray()) > 0;
  }

  @Override
  public Optional<Document> find(String kbId, String documentId) {
    return sql.query("SELECT " + COLUMNS + " FROM documents WHERE kb_id = ? AND id = ?", JdbcDocumentStore::map,
            kbId, documentId)
        .stream().findFirst();
  }

  @Override
  public List<Document> list(String kbId) {
    return sql.query("SELECT " + COLUMNS + " FROM documents WHERE kb_id = ? ORDER BY source, id", JdbcDocumentStore::map,
        kbId);
  }

  @Override
  public List<Document> pending() {
    return sql.query("SELECT " + COLUMNS + " FROM documents WHERE status IN (?, ?) ORDER BY updated_at",
        JdbcDocumentStore::map, DocumentStatus.QUEUED.name(), DocumentStatus.PROCESSING.name());
  }

  @Override
  public void delete(String kbId, String documentId) {
    sql.update("DELETE FROM documents WHERE kb_id = ? AND id = ?", kbId, documentId);
  }

  private static String join(Collection<String> values) {
    return values.stream().sorted().collect(Collectors.joining("\n"));
  }

  private static Set<String> split(String joined) {
    return joined.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(joined.split("\n")));
  }

  private static Document map(ResultSet r) throws SQLException {
    return new Document(
        r.getString("id"), r.getString("kb_id"), r.getString("source"), r.getString("title"),
        r.getString("content_hash"), DocumentStatus.valueOf(r.getString("status")), r.getString("error"),
        r.getInt("chunk_count"), new Acl(split(r.getString("acl_users")), split(r.getString("acl_groups"))),
        split(r.getString("tags")), r.getString("job_id"), Sql.instant(r, "updated_at"));
  }
}
