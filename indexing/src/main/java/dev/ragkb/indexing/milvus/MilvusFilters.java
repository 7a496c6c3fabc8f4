package dev.ragkb.indexing.milvus;

import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a {@link SearchFilter} into a Milvus boolean expression. Values travel as template
 * parameters ({@code {name}} placeholders filled from a map), never spliced into the expression,
 * so no user id, group, tag or document id can change its meaning.
 */
final class MilvusFilters {

  /**
   * An expression and the values of its placeholders.
   *
   * @param text empty when nothing is filtered
   */
  record Expression(String text, Map<String, Object> values) {
    Expression {
      values = Map.copyOf(values);
    }

    boolean isEmpty() {
      return text.isEmpty();
    }
  }

  private MilvusFilters() {}

  static Expression of(SearchFilter filter) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    if (filter.principal() instanceof Principal.User user) {
      List<String> allowed = new ArrayList<>();
      allowed.add(MilvusRows.PUBLIC);
      allowed.add(MilvusRows.userTerm(user.id()));
      user.groups().stream().sorted().map(MilvusRows::groupTerm).forEach(allowed::add);
      clauses.add("array_contains_any(" + MilvusRows.ACL + ", {acl})");
      values.put("acl", allowed);
    }
    if (!filter.documentIds().isEmpty()) {
      clauses.add(MilvusRows.DOCUMENT_ID + " in {document_ids}");
      values.put("document_ids", sorted(filter.documentIds()));
    }
    if (!filter.tags().isEmpty()) {
      clauses.add("array_contains_any(" + MilvusRows.TAGS + ", {tags})");
      values.put("tags", sorted(filter.tags()));
    }
    // A null date compares false, so any range excludes an undated chunk, as SearchFilter#accepts does.
    Long from = filter.dates().fromMillis();
    Long to = filter.dates().toMillis();
    if (from != null) {
      clauses.add(MilvusRows.DATE + " >= {date_from}");
      values.put("date_from", from);
    }
    if (to != null) {
      clauses.add(MilvusRows.DATE + " < {date_to}");
      values.put("date_to", to);
    }
    return new Expression(String.join(" and ", clauses), values);
  }

  /** Every chunk of a document. */
  static Expression document(String documentId) {
    return new Expression(MilvusRows.DOCUMENT_ID + " == {document_id}", Map.of("document_id", documentId));
  }

  /** The chunks of a document other than {@code kept}: what a replacement leaves behind. */
  static Expression staleChunks(String documentId, List<String> kept) {
    return new Expression(MilvusRows.DOCUMENT_ID + " == {document_id} and " + MilvusRows.CHUNK_ID + " not in {kept}",
        Map.of("document_id", documentId, "kept", List.copyOf(kept)));
  }

  // Sorted, so equal filters give equal requests (and tests can compare them).
  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
