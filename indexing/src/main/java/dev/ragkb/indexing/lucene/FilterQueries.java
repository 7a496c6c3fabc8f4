package dev.ragkb.indexing.lucene;

import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/** Translates a {@link SearchFilter} into one Lucene filter query, used inside both BM25 and kNN queries. */
final class FilterQueries {

  private FilterQueries() {}

  static Query of(SearchFilter filter) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    if (filter.principal() instanceof Principal.User user) {
      List<BytesRef> allowed = new ArrayList<>();
      allowed.add(new BytesRef(ChunkFields.PUBLIC));
      allowed.add(new BytesRef(ChunkFields.userTerm(user.id())));
      user.groups().forEach(g -> allowed.add(new BytesRef(ChunkFields.groupTerm(g))));
      b.add(new TermInSetQuery(ChunkFields.ACL, allowed), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (!filter.documentIds().isEmpty()) {
      b.add(termsOf(ChunkFields.DOCUMENT_ID, filter.documentIds()), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (!filter.tags().isEmpty()) {
      b.add(termsOf(ChunkFields.TAG, filter.tags()), BooleanClause.Occur.FILTER);
      any = true;
    }
    SearchFilter.DateRange dates = filter.dates();
    if (!dates.isUnbounded()) {
      // An undated chunk has no point, so any range excludes it, as SearchFilter#accepts does.
      Long from = dates.fromMillis();
      Long to = dates.toMillis();
      b.add(LongPoint.newRangeQuery(ChunkFields.DATE, from == null ? Long.MIN_VALUE : from,
          to == null ? Long.MAX_VALUE : to - 1), BooleanClause.Occur.FILTER);
      any = true;
    }
    return any ? b.build() : new MatchAllDocsQuery();
  }

  private static Query termsOf(String field, java.util.Set<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  static Term documentTerm(String documentId) {
    return new Term(ChunkFields.DOCUMENT_ID, documentId);
  }
}
