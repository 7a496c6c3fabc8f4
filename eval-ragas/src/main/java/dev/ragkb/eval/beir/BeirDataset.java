package dev.ragkb.eval.beir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A BEIR-format data set: {@code corpus.jsonl} ({@code _id, title, text}), {@code queries.jsonl}
 * ({@code _id, text}) and {@code qrels/test.tsv} ({@code query-id, corpus-id, score} with a header).
 * Only queries that have judgements are kept, as BEIR evaluates them.
 *
 * @param name the folder's name
 * @param corpus documents in file order
 * @param queries query text by id, in file order
 * @param qrels relevance by query id, then document id
 */
public record BeirDataset(
    String name, List<Document> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

  /** One corpus entry. */
  public record Document(String id, String title, String text) {}

  public BeirDataset {
    corpus = List.copyOf(corpus);
    queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    qrels = Map.copyOf(qrels);
  }

  public static BeirDataset read(Path dir) {
    JsonMapper json = JsonMapper.builder().build();
    Path qrelsFile = dir.resolve("qrels").resolve("test.tsv");
    for (Path required : List.of(dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), qrelsFile)) {
      if (!Files.isRegularFile(required)) {
        throw new IllegalArgumentException("not a BEIR folder: missing " + required);
      }
    }
    Map<String, Map<String, Integer>> qrels = new HashMap<>();
    List<Document> corpus = new ArrayList<>();
    Map<String, String> queries = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(qrelsFile, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t");
        if (f.length == 3) {
          qrels.computeIfAbsent(f[0], q -> new HashMap<>()).put(f[1], Integer.parseInt(f[2].strip()));
        }
      }
      try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            JsonNode n = json.readTree(line);
            corpus.add(new Document(n.path("_id").asString(), n.path("title").asString(""), n.path("text").asString("")));
          }
        }
      }
      try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            JsonNode n = json.readTree(line);
            String id = n.path("_id").asString();
            if (qrels.containsKey(id)) {
              queries.put(id, n.path("text").asString());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return new BeirDataset(dir.toAbsolutePath().normalize().getFileName().toString(), corpus, queries, qrels);
  }
}
