package dev.ragkb.metadata.jdbc;

import dev.ragkb.core.ConflictException;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.core.NotFoundException;
import dev.ragkb.core.RetrievalSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Knowledge bases in the {@code knowledge_bases} table. */
public final class JdbcKnowledgeBaseStore implements KnowledgeBaseStore {

  private static final String COLUMNS =
      "id, name, language, embedding_model, created_at, fusion, vector_weight, rrf_k, mmr_lambda";

  private final Sql sql;

  public JdbcKnowledgeBaseStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public void create(KnowledgeBase kb) {
    sql.inTransaction(c -> {
      if (!Sql.query(c, "SELECT id FROM knowledge_bases WHERE name = ?", r -> r.getString(1), kb.name()).isEmpty()) {
        throw new ConflictException("knowledge base '" + kb.name() + "' already exists");
      }
      RetrievalSettings r = kb.retrieval();
      return Sql.update(c, "INSERT INTO knowledge_bases (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          kb.id(), kb.name(), kb.language(), kb.embeddingModel(), Sql.timestamp(kb.createdAt()),
          r.fusion() == null ? null : r.fusion().wireName(), r.vectorWeight(), r.rrfK(), r.mmrLambda());
    });
  }

  @Override
  public void updateRetrieval(String id, RetrievalSettings r) {
    int rows = sql.update("UPDATE knowledge_bases SET fusion = ?, vector_weight = ?, rrf_k = ?, mmr_lambda = ? WHERE id = ?",
        r.fusion() == null ? null : r.fusion().wireName(), r.vectorWeight(), r.rrfK(), r.mmrLambda(), id);
    if (rows == 0) {
      throw new NotFoundException("no knowledge base with id '" + id + "'");
    }
  }

  @Override
  public Optional<KnowledgeBase> findByName(String name) {
    return sql.query("SELECT " + COLUMNS + " FROM knowledge_bases WHERE name = ?", JdbcKnowledgeBaseStore::map, name)
        .stream().findFirst();
  }

  @Override
  public Optional<KnowledgeBase> findById(String id) {
    return sql.query("SELECT " + COLUMNS + " FROM knowledge_bases WHERE id = ?", JdbcKnowledgeBaseStore::map, id)
        .stream().findFirst();
  }

  @Override
  public List<KnowledgeBase> list() {
    return sql.query("SELECT " + COLUMNS + " FROM knowledge_bases ORDER BY name", JdbcKnowledgeBaseStore::map);
  }

  private static KnowledgeBase map(ResultSet r) throws SQLException {
    String fusion = r.getString("fusion");
    var retrieval = new RetrievalSettings(fusion == null ? null : FusionMethod.of(fusion),
        r.getObject("vector_weight", Double.class), r.getObject("rrf_k", Integer.class),
        r.getObject("mmr_lambda", Double.class));
    return new KnowledgeBase(
        r.getString("id"), r.getString("name"), r.getString("language"), r.getString("embedding_model"),
        Sql.instant(r, "created_at"), retrieval);
  }
}
