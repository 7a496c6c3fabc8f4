package dev.ragkb.core;

import java.util.Objects;
import java.util.Set;

/**
 * What a query may return. Index adapters push it into their queries (pre-filtering), never apply
 * it after the fact.
 *
 * @param principal whose access rights apply
 * @param documentIds when not empty, only these documents
 * @param tags when not empty, only documents carrying at least one of these tags
 */
public record SearchFilter(Principal principal, Set<String> documentIds, Set<String> tags) {

  public SearchFilter {
    Objects.requireNonNull(principal, "principal");
    documentIds = Set.copyOf(documentIds);
    tags = Set.copyOf(tags);
  }

  public static SearchFilter of(Principal principal) {
    return new SearchFilter(principal, Set.of(), Set.of());
  }

  /** The same rule as the index adapters apply, for fakes and oracles in tests. */
  public boolean accepts(Chunk chunk) {
    return principal.mayRead(chunk.acl())
        && (documentIds.isEmpty() || documentIds.contains(chunk.documentId()))
        && (tags.isEmpty() || chunk.tags().stream().anyMatch(tags::contains));
  }
}
