package dev.ragkb.metadata.jdbc;

import dev.ragkb.core.RetriableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The little JDBC the stores need: parameterised statements on a pooled data source, SQL failures
 * translated at this boundary.
 */
final class Sql {

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  int update(String sql, @Nullable Object... params) {
    return inTransaction(c -> update(c, sql, params));
  }

  static int update(Connection c, String sql, @Nullable Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, @Nullable Object... params) {
    return inTransaction(c -> query(c, sql, mapper, params));
  }

  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, @Nullable Object... params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLTransientException e) {
      throw new RetriableException("metadata store temporarily unavailable", e);
    } catch (SQLException e) {
      throw new IllegalStateException("metadata store failed: " + e.getMessage(), e);
    }
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getTimestamp(column).toInstant();
  }

  private static PreparedStatement prepare(Connection c, String sql, @Nullable Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }
}
