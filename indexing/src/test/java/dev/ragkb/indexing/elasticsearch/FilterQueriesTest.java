package dev.ragkb.indexing.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterQueriesTest {

  private static List<Object> json(SearchFilter filter) {
    return FilterQueries.of(filter).stream().<Object>map(Json::of).toList();
  }

  @Test
  void letsAnAdminWithoutRestrictionsSeeEverything() {
    assertThat(FilterQueries.of(SearchFilter.of(new Principal.Admin()))).isEmpty();
  }

  @Test
  void letsAUserReadPublicDocumentsTheirOwnAndTheirGroups() {
    var filter = SearchFilter.of(new Principal.User("bob", Set.of("sales", "hr")));
    assertThat(json(filter)).containsExactly(
        Json.parse("{'terms': {'acl': ['g:hr', 'g:sales', 'public', 'u:bob']}}"));
  }

  @Test
  void restrictsToDocumentsAndTagsAlongsideTheAcl() {
    var filter = new SearchFilter(new Principal.User("bob", Set.of()), Set.of("d2", "d1"), Set.of("policy"));
    assertThat(json(filter)).containsExactly(
        Json.parse("{'terms': {'acl': ['public', 'u:bob']}}"),
        Json.parse("{'terms': {'documentId': ['d1', 'd2']}}"),
        Json.parse("{'terms': {'tags': ['policy']}}"));
  }

  @Test
  void restrictsToADateRangeOpenAtEitherEnd() {
    Instant from = Instant.parse("2024-01-01T00:00:00Z");
    Instant to = Instant.parse("2024-02-01T00:00:00Z");
    var admin = new Principal.Admin();

    assertThat(json(new SearchFilter(admin, Set.of(), Set.of(), new SearchFilter.DateRange(from, to)))).containsExactly(
        Json.parse("{'range': {'date': {'gte': '1704067200000', 'lt': '1706745600000', 'format': 'epoch_millis'}}}"));
    assertThat(json(new SearchFilter(admin, Set.of(), Set.of(), new SearchFilter.DateRange(null, to)))).containsExactly(
        Json.parse("{'range': {'date': {'lt': '1706745600000', 'format': 'epoch_millis'}}}"));
  }

  /** Dates are indexed to the millisecond: a bound between two milliseconds rounds up, the only way to keep its meaning. */
  @Test
  void roundsABoundBetweenMillisecondsUp() {
    var range = new SearchFilter.DateRange(Instant.parse("2024-01-01T00:00:00.000000001Z"), Instant.parse("2024-02-01T00:00:00Z"));

    assertThat(json(new SearchFilter(new Principal.Admin(), Set.of(), Set.of(), range))).containsExactly(
        Json.parse("{'range': {'date': {'gte': '1704067200001', 'lt': '1706745600000', 'format': 'epoch_millis'}}}"));
  }

  @Test
  void givesEqualFiltersEqualClauses() {
    var a = new SearchFilter(new Principal.User("u", Set.of("a", "b", "c")), Set.of("x", "y"), Set.of());
    var b = new SearchFilter(new Principal.User("u", Set.of("c", "b", "a")), Set.of("y", "x"), Set.of());
    assertThat(json(a)).isEqualTo(json(b));
  }

  @Test
  void isTheFilterOfBothTheTextAndTheVectorQuery() {
    var filter = new SearchFilter(new Principal.User("bob", Set.of("hr")), Set.of("d1"), Set.of("t"));
    List<Query> clauses = FilterQueries.of(filter);
    var text = ElasticsearchIndex.textSearch("i", new dev.ragkb.core.TextQuery("kb", "words", 5, filter));
    var vector = ElasticsearchIndex.vectorSearch("i", new dev.ragkb.core.VectorQuery("kb", new float[] {1f, 0f}, 5, filter), 100);

    assertThat(text.query().bool().filter()).hasSize(3);
    assertThat(text.query().bool().filter().stream().map(Json::of).toList())
        .isEqualTo(clauses.stream().map(Json::of).toList())
        .isEqualTo(vector.query().knn().filter().stream().map(Json::of).toList());
  }
}
