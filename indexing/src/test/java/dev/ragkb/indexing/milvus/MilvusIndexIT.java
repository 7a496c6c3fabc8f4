package dev.ragkb.indexing.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.VectorQuery;
import dev.ragkb.indexing.contract.Containers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * Against a real Milvus standalone (with its embedded etcd) in Docker; skipped where no Docker
 * daemon runs. What the backends share is in LuceneMilvusIndexIT and ElasticsearchMilvusIndexIT;
 * this adds what is Milvus's own: a random mix of ACLs under a quantized index, exact top-hit scores.
 */
@Testcontainers(disabledWithoutDocker = true)
class MilvusIndexIT {

  @Container static final MilvusContainer MILVUS = Containers.milvus();

  private static final SearchFilter ADMIN = SearchFilter.of(new Principal.Admin());

  private final HashingEmbeddingModel embedder = new HashingEmbeddingModel(64);
  private final String kb = UUID.randomUUID().toString();
  private final List<MilvusIndex> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(MilvusIndex::close);
  }

  private MilvusIndex index(MilvusIndex.Encoding encoding) {
    var index = new MilvusIndex(Containers.settings(MILVUS, encoding));
    opened.add(index);
    return index;
  }

  private EmbeddedChunk embedded(Chunk c) {
    return new EmbeddedChunk(c, embedder.embedPassages(List.of(c.text())).getFirst());
  }

  private List<String> ids(MilvusIndex index, String query, int k, SearchFilter filter) {
    return index.searchVectors(new VectorQuery(kb, embedder.embedQuery(query), k, filter)).stream()
        .map(h -> h.chunk().id()).toList();
  }

  @Test
  void findsReplacesAndDeletesADocumentsChunks() {
    var index = index(MilvusIndex.Encoding.FLOAT32);
    assertThat(ids(index, "anything", 5, ADMIN)).isEmpty();

    index.replaceDocument(kb, "router", List.of(
        embedded(Fixtures.chunk(kb, "router", 0, "Hold the reset button for seventeen seconds.", Acl.PUBLIC)),
        embedded(Fixtures.chunk(kb, "router", 1, "The router broadcasts on two bands.", Acl.PUBLIC))));
    index.replaceDocument(kb, "billing", List.of(embedded(Fixtures.chunk(kb, "billing", 0, "Invoices are issued monthly.", Acl.PUBLIC))));

    Hit top = index.searchVectors(new VectorQuery(kb, embedder.embedQuery("Invoices are issued monthly."), 3, ADMIN)).getFirst();
    assertThat(top.chunk()).isEqualTo(Fixtures.chunk(kb, "billing", 0, "Invoices are issued monthly.", Acl.PUBLIC));
    assertThat(top.score()).isGreaterThan(0.99);

    index.replaceDocument(kb, "router", List.of(embedded(Fixtures.chunk(kb, "router", 0, "Hold the reset button for seventeen seconds.", Acl.PUBLIC))));
    assertThat(ids(index, "router", 10, ADMIN)).containsExactlyInAnyOrder("router#0", "billing#0");

    index.deleteDocument(kb, "router");
    assertThat(ids(index, "router", 10, ADMIN)).containsExactly("billing#0");
  }

  @Test
  void filtersByAclDocumentAndTagInsideTheSearchSoTopKStaysFull() {
    var index = index(MilvusIndex.Encoding.INT8);
    Random random = new Random(7);
    List<Chunk> chunks = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      Acl acl = switch (random.nextInt(4)) {
        case 0 -> Acl.PUBLIC;
        case 1 -> new Acl(Set.of("alice"), Set.of());
        case 2 -> new Acl(Set.of(), Set.of("sales"));
        default -> new Acl(Set.of("carol"), Set.of("eng"));
      };
      Chunk c = Fixtures.chunk(kb, "doc" + d, 0, "passage " + d + " about topic " + random.nextInt(5), acl);
      chunks.add(c);
      index.replaceDocument(kb, c.documentId(), List.of(embedded(c)));
    }
    var bob = new Principal.User("bob", Set.of("sales"));
    SearchFilter filter = SearchFilter.of(bob);
    long readable = chunks.stream().filter(filter::accepts).count();

    List<Hit> hits = index.searchVectors(new VectorQuery(kb, embedder.embedQuery("topic 3"), 10, filter));

    assertThat(hits).hasSize((int) Math.min(10, readable));
    assertThat(hits).allSatisfy(h -> assertThat(bob.mayRead(h.chunk().acl())).isTrue());
    assertThat(ids(index, "topic", 10, new SearchFilter(new Principal.Admin(), Set.of("doc3", "doc5"), Set.of())))
        .containsExactlyInAnyOrder("doc3#0", "doc5#0");
  }
}
