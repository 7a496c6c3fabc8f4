package dev.ragkb.indexing.elasticsearch;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A chunk as the {@code _source} of its Elasticsearch document; the component names are the field
 * names of {@link IndexMapping}. Searches leave {@code body} and {@code vector} out of the returned
 * source, so both are null when read back.
 *
 * @param body title, headings and text, analysed for BM25 (headings often carry a question's words)
 * @param acl {@link FilterQueries#PUBLIC} for a public document, else {@code u:<user>} and {@code g:<group>}
 * @param parentText null when the chunk has no parent passage: the field is then left out of the document
 * @param date the document's date in epoch milliseconds; null when the chunk has none, and then left out
 */
record ChunkDocument(
    String chunkId,
    String documentId,
    @Nullable String body,
    String text,
    String title,
    String source,
    List<String> headings,
    @Nullable Integer page,
    int ordinal,
    int startOffset,
    int endOffset,
    @Nullable String parentText,
    @Nullable Long date,
    List<String> acl,
    List<String> tags,
    float @Nullable [] vector) {

  /** @param withVector false when the index keeps no vectors: the field is then left out of the document */
  static ChunkDocument of(EmbeddedChunk embedded, boolean withVector) {
    Chunk c = embedded.chunk();
    List<String> acl = new ArrayList<>();
    if (c.acl().isPublic()) {
      acl.add(FilterQueries.PUBLIC);
    }
    c.acl().users().forEach(u -> acl.add(FilterQueries.userTerm(u)));
    c.acl().groups().forEach(g -> acl.add(FilterQueries.groupTerm(g)));
    String body = c.title() + "\n" + String.join(" ", c.headingPath()) + "\n" + c.text();
    return new ChunkDocument(c.id(), c.documentId(), body, c.text(), c.title(), c.source(), c.headingPath(), c.page(),
        c.ordinal(), c.startOffset(), c.endOffset(), c.parentText(),
        c.date() == null ? null : c.date().toEpochMilli(), acl, List.copyOf(c.tags()),
        withVector ? embedded.vector() : null);
  }

  Chunk toChunk(String kbId) {
    Set<String> users = new HashSet<>();
    Set<String> groups = new HashSet<>();
    for (String a : acl) {
      if (a.startsWith(FilterQueries.USER_PREFIX)) {
        users.add(a.substring(FilterQueries.USER_PREFIX.length()));
      } else if (a.startsWith(FilterQueries.GROUP_PREFIX)) {
        groups.add(a.substring(FilterQueries.GROUP_PREFIX.length()));
      }
    }
    return new Chunk(chunkId, documentId, kbId, ordinal, text, title, source, headings, page, startOffset, endOffset,
        new Acl(users, groups), Set.copyOf(tags), parentText, date == null ? null : Instant.ofEpochMilli(date));
  }
}
