package dev.ragkb.indexing.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddedChunk;
import dev.ragkb.core.Fixtures;
import dev.ragkb.core.HashingEmbeddingModel;
import dev.ragkb.core.Principal;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.TextQuery;
import dev.ragkb.core.VectorQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the Lucene index does: vector formats, Chinese analysis; the shared contract is in {@link LuceneIndexTest}. */
class LuceneIndexFormatsTest {

  private static final SearchFilter ALL = SearchFilter.of(new Principal.Admin());
  private final HashingEmbeddingModel embedder = new HashingEmbeddingModel(64);

  @TempDir Path dir;
  private LuceneIndex index;

  @BeforeEach
  void open() {
    index = new LuceneIndex(dir, kb -> "en");
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private EmbeddedChunk embedded(Chunk c) {
    return new EmbeddedChunk(c, embedder.embedPassages(List.of(c.text())).getFirst());
  }

  private void put(String doc, Acl acl, String... texts) {
    List<EmbeddedChunk> chunks = new java.util.ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(embedded(Fixtures.chunk("kb", doc, i, texts[i], acl)));
    }
    index.replaceDocument("kb", doc, chunks);
  }

  private List<String> textIds(String q, SearchFilter f) {
    return index.searchText(new TextQuery("kb", q, 10, f)).stream().map(h -> h.chunk().id()).toList();
  }

  private List<String> vectorIds(String q, SearchFilter f) {
    float[] v = embedder.embedQuery(q);
    return index.searchVectors(new VectorQuery("kb", v, 10, f)).stream().map(h -> h.chunk().id()).toList();
  }

  @Test
  void anInt8IndexQuantizesItsVectorsAndStillFindsEachChunkByItsOwnVector() throws Exception {
    index.close();
    Path int8 = dir.resolve("int8");
    index = new LuceneIndex(int8, kb -> "en", VectorFormat.INT8);
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add("passage number " + i + " about topic " + (i * 7919 % 101));
    }
    put("many", Acl.PUBLIC, texts.toArray(String[]::new));

    for (int i = 0; i < texts.size(); i += 17) {
      assertThat(vectorIds(texts.get(i), ALL).getFirst()).isEqualTo("many#" + i);
    }
    assertThat(vectorFormats(index)).containsOnly("Lucene99HnswScalarQuantizedVectorsFormat");
  }

  /** The vector format each segment recorded for the vector field. */
  private static List<String> vectorFormats(LuceneIndex index) {
    return index.withSearcher("kb", s -> s.getIndexReader().leaves().stream()
        .map(leaf -> leaf.reader().getFieldInfos().fieldInfo(ChunkFields.VECTOR)
            .getAttribute(org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY))
        .toList());
  }

  @Test
  void anIndexWrittenWithFloatVectorsOpensAndGrowsAsInt8() throws Exception {
    put("first", Acl.PUBLIC, "Invoices are issued monthly.");
    index.close();
    index = new LuceneIndex(dir, kb -> "en", VectorFormat.INT8);
    put("second", Acl.PUBLIC, "The router broadcasts on two bands.");

    assertThat(vectorIds("Invoices are issued monthly.", ALL).getFirst()).isEqualTo("first#0");
    assertThat(vectorIds("The router broadcasts on two bands.", ALL).getFirst()).isEqualTo("second#0");
    assertThat(vectorFormats(index)).containsExactlyInAnyOrder("Lucene99HnswVectorsFormat", "Lucene99HnswScalarQuantizedVectorsFormat");
  }

  @Test
  void aChineseKnowledgeBaseAnswersAChineseQuestionWithTheRightChunk() throws Exception {
    index.close();
    index = new LuceneIndex(dir.resolve("zh"), kb -> "zh");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var zh = new dev.ragkb.indexing.onnx.OnnxEmbeddingModel(
          new dev.ragkb.indexing.onnx.OnnxEmbeddingModel.Settings(dev.ragkb.indexing.onnx.OnnxEmbeddingModel.BGE_SMALL_ZH_V15_Q, ""), pool);
      List<String> texts = List.of("员工每年享有十五天带薪年假，须提前两周申请。", "报销单据须在费用发生后三十天内提交财务部。",
          "路由器支持两个频段，重置按钮需按住十秒。");
      List<float[]> vectors = zh.embedPassages(texts);
      for (int i = 0; i < texts.size(); i++) {
        Chunk c = Fixtures.chunk("kb", "doc" + i, 0, texts.get(i), Acl.PUBLIC);
        index.replaceDocument("kb", "doc" + i, List.of(new EmbeddedChunk(c, vectors.get(i))));
      }
      String question = "年假有几天？";

      var byVector = index.searchVectors(new VectorQuery("kb", zh.embedQuery(question), 3, ALL));
      var byText = index.searchText(new TextQuery("kb", question, 3, ALL));

      assertThat(byVector.getFirst().chunk().documentId()).isEqualTo("doc0");
      assertThat(byText.getFirst().chunk().documentId()).isEqualTo("doc0");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anIndexWithoutVectorsStillSearchesTextAndFindsNoVectors() throws Exception {
    index.close();
    index = new LuceneIndex(dir.resolve("text-only"), kb -> "en", VectorFormat.NONE);
    put("router", Acl.PUBLIC, "Hold the reset button for seventeen seconds.");

    assertThat(textIds("reset button", ALL)).containsExactly("router#0");
    assertThat(vectorIds("Hold the reset button for seventeen seconds.", ALL)).isEmpty();
  }
}
