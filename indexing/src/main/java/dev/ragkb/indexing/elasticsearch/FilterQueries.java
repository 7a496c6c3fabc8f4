package dev.ragkb.indexing.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Translates a {@link SearchFilter} into Elasticsearch filter clauses, the one translation that both
 * the BM25 {@code bool} query and the {@code knn} query use (in the knn query it is a pre-filter, so
 * the top k stay full). Each clause is a {@code terms} query on a keyword field, or a {@code range}
 * on the date; all must match.
 */
final class FilterQueries {

  /** The ACL term of a public document. */
  static final String PUBLIC = "public";
  static final String USER_PREFIX = "u:";
  static final String GROUP_PREFIX = "g:";

  private FilterQueries() {}

  static String userTerm(String user) {
    return USER_PREFIX + user;
  }

  static String groupTerm(String group) {
    return GROUP_PREFIX + group;
  }

  /** The filter clauses; empty when the filter accepts everything (an admin with no restriction). */
  static List<Query> of(SearchFilter filter) {
    List<Query> clauses = new ArrayList<>();
    if (filter.principal() instanceof Principal.User user) {
      List<String> allowed = new ArrayList<>();
      allowed.add(PUBLIC);
      allowed.add(userTerm(user.id()));
      user.groups().stream().sorted().forEach(g -> allowed.add(groupTerm(g)));
      clauses.add(terms(IndexMapping.ACL, allowed));
    }
    if (!filter.documentIds().isEmpty()) {
      clauses.add(terms(IndexMapping.DOCUMENT_ID, filter.documentIds()));
    }
    if (!filter.tags().isEmpty()) {
      clauses.add(terms(IndexMapping.TAGS, filter.tags()));
    }
    SearchFilter.DateRange dates = filter.dates();
    if (!dates.isUnbounded()) {
      // A chunk without a date has no value in the field, so a range query never matches it.
      Long from = dates.fromMillis();
      Long to = dates.toMillis();
      clauses.add(Query.of(q -> q.range(r -> r.date(d -> {
        d.field(IndexMapping.DATE).format("epoch_millis");
        if (from != null) {
          d.gte(Long.toString(from));
        }
        if (to != null) {
          d.lt(Long.toString(to));
        }
        return d;
      }))));
    }
    return List.copyOf(clauses);
  }

  /** Documents whose field holds any of {@code values}, sorted so that equal filters give equal requests. */
  static Query terms(String field, Collection<String> values) {
    List<FieldValue> sorted = values.stream().sorted().map(FieldValue::of).toList();
    return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(sorted))));
  }
}
