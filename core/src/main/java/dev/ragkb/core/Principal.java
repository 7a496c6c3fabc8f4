package dev.ragkb.core;

import java.util.Objects;
import java.util.Set;

/** On whose behalf a query runs; decides which documents retrieval may return. */
public sealed interface Principal {

  /** May this principal read a document with the given ACL? The index adapters push the same rule into their queries. */
  boolean mayRead(Acl acl);

  /** The holder of the admin API key: reads everything. */
  record Admin() implements Principal {
    @Override
    public boolean mayRead(Acl acl) {
      return true;
    }
  }

  /** An end user, as asserted by a trusted front end holding the API key. */
  record User(String id, Set<String> groups) implements Principal {
    public User {
      Objects.requireNonNull(id, "id");
      groups = Set.copyOf(groups);
    }

    @Override
    public boolean mayRead(Acl acl) {
      return acl.isPublic() || acl.users().contains(id) || acl.groups().stream().anyMatch(groups::contains);
    }
  }
}
