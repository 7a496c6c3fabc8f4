package dev.ragkb.indexing.lucene;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The mapping between a chunk and its Lucene document, both ways. */
final class ChunkFields {

  static final String CHUNK_ID = "chunk_id";
  static final String DOCUMENT_ID = "document_id";
  /** Title, headings and text, analysed for BM25: headings often carry the words a question uses. */
  static final String BODY = "body";
  static final String TEXT = "text";
  static final String TITLE = "title";
  static final String SOURCE = "source";
  static final String HEADINGS = "headings";
  static final String PAGE = "page";
  /** The chunk's parent passage, stored only: what a generator reads around a matched chunk. */
  static final String PARENT = "parent";
  /** The document's date in epoch milliseconds: a point for range filters and a stored value, of one name. */
  static final String DATE = "date";
  static final String ORDINAL = "ordinal";
  static final String OFFSETS = "offsets";
  static final String ACL = "acl";
  static final String TAG = "tag";
  static final String VECTOR = "vector";

  /** ACL terms: a public document carries {@link #PUBLIC}; others carry {@code u:<user>} and {@code g:<group>}. */
  static final String PUBLIC = "public";

  // A unit separator cannot occur in extracted text (control characters are stripped when parsing).
  private static final String HEADING_SEPARATOR = "\u001f";

  private ChunkFields() {}

  static String userTerm(String user) {
    return "u:" + user;
  }

  static String groupTerm(String group) {
    return "g:" + group;
  }

  static Document toDocument(EmbeddedChunk embedded, VectorFormat vectorFormat) {
    Chunk c = embedded.chunk();
    Document d = new Document();
    d.add(new StringField(CHUNK_ID, c.id(), Field.Store.YES));
    d.add(new StringField(DOCUMENT_ID, c.documentId(), Field.Store.YES));
    String headings = String.join(" ", c.headingPath());
    d.add(new TextField(BODY, c.title() + "\n" + headings + "\n" + c.text(), Field.Store.NO));
    d.add(new StoredField(TEXT, c.text()));
    d.add(new StoredField(TITLE, c.title()));
    d.add(new StoredField(SOURCE, c.source()));
    d.add(new StoredField(HEADINGS, String.join(HEADING_SEPARATOR, c.headingPath())));
    if (c.page() != null) {
      d.add(new StoredField(PAGE, c.page()));
    }
    d.add(new StoredField(ORDINAL, c.ordinal()));
    d.add(new StoredField(OFFSETS, c.startOffset() + ":" + c.endOffset()));
    if (c.parentText() != null) {
      d.add(new StoredField(PARENT, c.parentText()));
    }
    if (c.date() != null) {
      long millis = c.date().toEpochMilli();
      d.add(new LongPoint(DATE, millis));
      d.add(new StoredField(DATE, millis));
    }
    if (c.acl().isPublic()) {
      d.add(new StringField(ACL, PUBLIC, Field.Store.YES));
    }
    c.acl().users().forEach(u -> d.add(new StringField(ACL, userTerm(u), Field.Store.YES)));
    c.acl().groups().forEach(g -> d.add(new StringField(ACL, groupTerm(g), Field.Store.YES)));
    c.tags().forEach(t -> d.add(new StringField(TAG, t, Field.Store.YES)));
    if (vectorFormat != VectorFormat.NONE) {
      d.add(new KnnFloatVectorField(VECTOR, embedded.vector(), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  static Chunk toChunk(Document d, String kbId) {
    String headings = d.get(HEADINGS);
    List<String> headingPath =
        headings == null || headings.isEmpty() ? List.of() : Arrays.asList(headings.split(HEADING_SEPARATOR));
    String[] offsets = d.get(OFFSETS).split(":");
    var pageField = d.getField(PAGE);
    Integer page = pageField == null ? null : pageField.numericValue().intValue();
    // StoredField and LongPoint share the name; only the stored value comes back from the stored fields.
    var dateField = d.getField(DATE);
    Instant date = dateField == null ? null : Instant.ofEpochMilli(dateField.numericValue().longValue());
    String[] acl = d.getValues(ACL);
    Set<String> users = Arrays.stream(acl).filter(a -> a.startsWith("u:")).map(a -> a.substring(2)).collect(Collectors.toSet());
    Set<String> groups = Arrays.stream(acl).filter(a -> a.startsWith("g:")).map(a -> a.substring(2)).collect(Collectors.toSet());
    return new Chunk(
        d.get(CHUNK_ID),
        d.get(DOCUMENT_ID),
        kbId,
        d.getField(ORDINAL).numericValue().intValue(),
        d.get(TEXT),
        d.get(TITLE),
        d.get(SOURCE),
        headingPath,
        page,
        Integer.parseInt(offsets[0]),
        Integer.parseInt(offsets[1]),
        new Acl(users, groups),
        Set.of(d.getValues(TAG)),
        d.get(PARENT),
        date);
  }
}
