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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping between a chunk and its Milvus entity, both ways. Filtered fields are scalar columns
 * (chunk id, document id, ACL terms, tags); everything a hit needs to be cited travels in one JSON
 * string column, so a search answers without a second store.
 */
final class MilvusRows {

  static final String CHUNK_ID = "chunk_id";
  static final String DOCUMENT_ID = "document_id";
  static final String ACL = "acl";
  static final String TAGS = "tags";
  static final String PAYLOAD = "payload";
  static final String VECTOR = "vector";

  /** Ids and names are short: a UUID or a path-safe name. */
  static final int MAX_ID_BYTES = 512;
  /** The largest VARCHAR Milvus stores. */
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
    String payload = payload(c).toString();
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw new InvalidRequestException("chunk " + c.id() + " is too large for Milvus (" + MAX_PAYLOAD_BYTES + " bytes)");
    }
    row.addProperty(PAYLOAD, payload);
    JsonArray vector = new JsonArray();
    for (float x : embedded.vector()) {
      vector.add(x);
    }
    row.add(VECTOR, vector);
    return row;
  }

  private static JsonObject payload(Chunk c) {
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
        Set.copyOf(list(p.getAsJsonArray("tags"))));
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
