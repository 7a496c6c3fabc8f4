package dev.ragkb.core;

import java.util.Set;

/**
 * Who may read a document. A document with no users and no groups is public within its knowledge
 * base.
 *
 * @param users user ids allowed to read
 * @param groups group names whose members may read
 */
public record Acl(Set<String> users, Set<String> groups) {

  public static final Acl PUBLIC = new Acl(Set.of(), Set.of());

  public Acl {
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
  }

  public boolean isPublic() {
    return users.isEmpty() && groups.isEmpty();
  }
}
