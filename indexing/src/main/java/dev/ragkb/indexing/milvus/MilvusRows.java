package dev.ragkb.indexing.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mapping between a chunk and its Milvus entity, both ways. Filtered fields are scalar columns
 * (chunk id, document id, ACL terms, tags); everything a hit needs to be cited, and the parent
 * passage a generator reads around it, travels in one JSON string column, so a search answers
 * without a second store. Keeping the parent there rather than in a column of its own needs no
 * change to the schema of collections created before parents were stored: their rows simply have no
 * parent. The document's date is both a nullable INT64 column of epoch milliseconds, which date filters
 * compare, and a payload value, from which a hit reads it back.
 */
final class MilvusRows {

  private static final Logger log = LoggerFactory.getLogger(MilvusRows.class);

  static final String CHUNK_ID = "chunk_id";
  static final String DOCUMENT_ID = "document_id";
  static final String ACL = "acl";
  static final String TAGS = "tags";
  static final String PAYLOAD = "payload";
  /**
   * The document's date in epoch milliseconds: a nullable column, added to a collection created before
   * dates were (see {@code MilvusIndex}); null for a chunk without a date.
   */
  static final String DATE = "date";
  static final String VECTOR = "vector";
  /** The payload's key for the chunk's parent passage. */
  static final String PARENT = "parent";

  /** Ids and names are short: a UUID or a path-safe name. */
  static final int MAX_ID_BYTES = 512;
  /** The largest VARCHAR Milvus stores, in bytes. */
  static final int MAX_PAYLOAD_BYTES = 65_535;
  static final int MAX_ACL_TERMS = 1024;
  static final int MAX_TAGS = 256;

  /** ACL terms as in the Lucene index: {@code public}, {@code u:<user>}, {@code g:<group>}. */
  static final String PUBLIC = "public";

  private MilvusRows() {}

  static String userTerm(String user) {
    return "u:" + user;
  }

  static String groupTerm(String group) {
    return "g:" + group;
  }

  static JsonObject toRow(EmbeddedChunk embedded) {
    Chunk c = embedded.chunk();
    List<String> acl = new ArrayList<>();
    if (c.acl().isPublic()) {
      acl.add(PUBLIC);
    }
    c.acl().users().stream().sorted().map(MilvusRows::userTerm).forEach(acl::add);
    c.acl().groups().stream().sorted().map(MilvusRows::groupTerm).forEach(acl::add);
    if (acl.size() > MAX_ACL_TERMS || c.tags().size() > MAX_TAGS) {
      throw new InvalidRequestException("Milvus holds at most " + MAX_ACL_TERMS + " users and groups and " + MAX_TAGS
          + " tags per document; document " + c.documentId() + " has more");
    }
    JsonObject row = new JsonObject();
    row.addProperty(CHUNK_ID, checkedId(c.id()));
    row.addProperty(DOCUMENT_ID, checkedId(c.documentId()));
    row.add(ACL, strings(acl));
    row.add(TAGS, strings(c.tags().stream().sorted().toList()));
    if (c.date() != null) {
      row.addProperty(DATE, c.date().toEpochMilli());
    }
    row.addProperty(PAYLOAD, payload(c));
    JsonArray vector = new JsonArray();
    for (float x : embedded.vector()) {
      vector.add(x);
    }
    row.add(VECTOR, vector);
    return row;
  }

  /**
   * The payload as Milvus stores it, at most {@link #MAX_PAYLOAD_BYTES} bytes of UTF-8 (Milvus counts
   * a VARCHAR's length in bytes, so a Chinese character counts three). A parent passage that would
   * not fit is left out rather than failing the write: the chunk is still found and cited, and the
   * generator then reads the chunk alone, as for a chunk without a parent. A chunk too large without
   * its parent is refused.
   */
  private static String payload(Chunk c) {
    JsonObject p = fields(c);
    String parent = c.parentText();
    if (parent != null) {
      p.addProperty(PARENT, parent);
      int bytes = utf8Length(p.toString());
      if (bytes > MAX_PAYLOAD_BYTES) {
        log.warn("parent passage of chunk {} left out of Milvus: {} bytes with it, at most {}", c.id(), bytes,
            MAX_PAYLOAD_BYTES);
        p.remove(PARENT);
      }
    }
    String payload = p.toString();
    if (utf8Length(payload) > MAX_PAYLOAD_BYTES) {
      throw new InvalidRequestException("chunk " + c.id() + " is too large for Milvus (" + MAX_PAYLOAD_BYTES + " bytes)");
    }
    return payload;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Everything of the chunk but its parent. */
  private static JsonObject fields(Chunk c) {
    JsonObject p = new JsonObject();
    p.addProperty("ordinal", c.ordinal());
    p.addProperty("text", c.text());
    p.addProperty("title", c.title());
    p.addProperty("source", c.source());
    p.add("headings", strings(c.headingPath()));
    if (c.page() != null) {
      p.addProperty("page", c.page());
    }
    p.addProperty("start", c.startOffset());
    p.addProperty("end", c.endOffset());
    p.add("users", strings(c.acl().users().stream().sorted().toList()));
    p.add("groups", strings(c.acl().groups().stream().sorted().toList()));
    p.add("tags", strings(c.tags().stream().sorted().toList()));
    if (c.date() != null) {
      p.addProperty(DATE, c.date().toEpochMilli());
    }
    return p;
  }

  /** The chunk of a search result's entity, which holds the chunk id, document id and payload. */
  static Chunk toChunk(Map<String, Object> entity, String kbId) {
    JsonObject p = JsonParser.parseString((String) entity.get(PAYLOAD)).getAsJsonObject();
    JsonElement page = p.get("page");
    return new Chunk(
        (String) entity.get(CHUNK_ID),
        (String) entity.get(DOCUMENT_ID),
        kbId,
        p.get("ordinal").getAsInt(),
        p.get("text").getAsString(),
        p.get("title").getAsString(),
        p.get("source").getAsString(),
        list(p.getAsJsonArray("headings")),
        page == null || page.isJsonNull() ? null : page.getAsInt(),
        p.get("start").getAsInt(),
        p.get("end").getAsInt(),
        new Acl(new HashSet<>(list(p.getAsJsonArray("users"))), new HashSet<>(list(p.getAsJsonArray("groups")))),
        Set.copyOf(list(p.getAsJsonArray("tags"))),
        // absent in rows written before parents were stored, or left out for size
        p.has(PARENT) ? p.get(PARENT).getAsString() : null,
        // absent in rows written before dates were stored
        p.has(DATE) ? Instant.ofEpochMilli(p.get(DATE).getAsLong()) : null);
  }

  private static String checkedId(String id) {
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new InvalidRequestException("id longer than " + MAX_ID_BYTES + " bytes: " + id.substring(0, 40) + "...");
    }
    return id;
  }

  private static JsonArray strings(Collection<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static List<String> list(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    a.forEach(e -> out.add(e.getAsString()));
    return out;
  }
}
