package dev.ragkb.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a query may return. Index adapters push it into their queries (pre-filtering), never apply
 * it after the fact.
 *
 * @param principal whose access rights apply
 * @param documentIds when not empty, only these documents
 * @param tags when not empty, only documents carrying at least one of these tags
 * @param dates only chunks whose {@link Chunk#date()} lies in this range; {@link DateRange#ANY} filters nothing
 */
public record SearchFilter(Principal principal, Set<String> documentIds, Set<String> tags, DateRange dates) {

  public SearchFilter {
    Objects.requireNonNull(principal, "principal");
    documentIds = Set.copyOf(documentIds);
    tags = Set.copyOf(tags);
    Objects.requireNonNull(dates, "dates");
  }

  /** A filter without a date range. */
  public SearchFilter(Principal principal, Set<String> documentIds, Set<String> tags) {
    this(principal, documentIds, tags, DateRange.ANY);
  }

  public static SearchFilter of(Principal principal) {
    return new SearchFilter(principal, Set.of(), Set.of());
  }

  /** The same rule as the index adapters apply, for fakes and oracles in tests. */
  public boolean accepts(Chunk chunk) {
    return principal.mayRead(chunk.acl())
        && (documentIds.isEmpty() || documentIds.contains(chunk.documentId()))
        && (tags.isEmpty() || chunk.tags().stream().anyMatch(tags::contains))
        && dates.accepts(chunk.date());
  }

  /**
   * A range of dates, from inclusive to exclusive, so adjacent ranges split time without overlap.
   * Either end may be open (null); a range with an end accepts no undated chunk, since nothing says
   * the chunk lies inside it.
   *
   * @param from the earliest date accepted; null for no lower bound
   * @param to the first date no longer accepted; null for no upper bound
   * @throws InvalidRequestException when {@code from} is not before {@code to}
   */
  public record DateRange(@Nullable Instant from, @Nullable Instant to) {

    /** No bounds: every chunk, dated or not. */
    public static final DateRange ANY = new DateRange(null, null);

    public DateRange {
      if (from != null && to != null && !from.isBefore(to)) {
        throw new InvalidRequestException("date range is empty: from " + from + " is not before to " + to);
      }
    }

    public boolean isUnbounded() {
      return from == null && to == null;
    }

    /**
     * {@link #from} in epoch milliseconds, rounded up: indexes keep dates to the millisecond, so a date
     * is at or after {@code from} exactly when its milliseconds are at or after this; null when open.
     */
    public @Nullable Long fromMillis() {
      return from == null ? null : ceilMillis(from);
    }

    /** {@link #to} in epoch milliseconds, rounded up for the same reason; null when open. */
    public @Nullable Long toMillis() {
      return to == null ? null : ceilMillis(to);
    }

    private static long ceilMillis(Instant instant) {
      long millis = instant.toEpochMilli();
      return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    public boolean accepts(@Nullable Instant date) {
      if (isUnbounded()) {
        return true;
      }
      return date != null && (from == null || !date.isBefore(from)) && (to == null || date.isBefore(to));
    }
  }
}
