package dev.ragkb.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {

  @TempDir Path dir;

  @Test
  void readsCorpusJudgedQueriesAndQrels() throws Exception {
    Files.writeString(dir.resolve("corpus.jsonl"),
        "{\"_id\": \"d1\", \"title\": \"T1\", \"text\": \"one\"}\n{\"_id\": \"d2\", \"title\": \"\", \"text\": \"two\"}\n");
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"first?\"}\n{\"_id\": \"q2\", \"text\": \"unjudged\"}\n");
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td2\t1\n");

    BeirDataset data = BeirDataset.read(dir);

    assertThat(data.corpus()).containsExactly(new BeirDataset.Document("d1", "T1", "one"), new BeirDataset.Document("d2", "", "two"));
    assertThat(data.queries()).containsExactly(Map.entry("q1", "first?"));
    assertThat(data.qrels()).isEqualTo(Map.of("q1", Map.of("d2", 1)));
  }

  @Test
  void refusesAFolderWithoutTheBeirFiles() {
    assertThatThrownBy(() -> BeirDataset.read(dir)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corpus.jsonl");
  }
}
