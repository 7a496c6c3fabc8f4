package dev.ragkb.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The hashing model under a name of its own, remembering every batch of passages and every query it embeds. */
public final class RecordingEmbeddingModel implements EmbeddingModel {

  private final String name;
  private final HashingEmbeddingModel vectors;
  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());

  public RecordingEmbeddingModel(String name, int dimension) {
    this.name = name;
    this.vectors = new HashingEmbeddingModel(dimension);
  }

  /** Named like the hashing model of that dimension. */
  public RecordingEmbeddingModel(int dimension) {
    this(new HashingEmbeddingModel(dimension).name(), dimension);
  }

  /** The batches of passages embedded, in order. */
  public List<List<String>> batches() {
    return batches;
  }

  /** The queries embedded, in order. */
  public List<String> queries() {
    return queries;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return vectors.dimension();
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    batches.add(List.copyOf(passages));
    return vectors.embedPassages(passages);
  }

  @Override
  public float[] embedQuery(String query) {
    queries.add(query);
    return vectors.embedQuery(query);
  }
}
