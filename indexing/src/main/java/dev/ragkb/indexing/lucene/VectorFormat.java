package dev.ragkb.indexing.lucene;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;

/**
 * How the HNSW vector field stores its vectors. The choice applies to segments written from then
 * on: each segment records its own format, so an index written with one still opens with the other.
 */
public enum VectorFormat {

  /** No vector field: another index holds the vectors ({@code lucene+milvus}), so no graph is built here. */
  NONE {
    @Override
    Codec codec() {
      return Codec.getDefault();
    }
  },

  /** 4 bytes per dimension, exact distances. */
  FLOAT32 {
    @Override
    Codec codec() {
      return Codec.getDefault();
    }
  },

  /**
   * Scalar-quantized to one byte per dimension for graph search: about a quarter of the memory the
   * searches need to stay fast, at a small loss of recall (docs/benchmarks.md). Lucene keeps the
   * float vectors on disk too, for merges and re-quantization.
   */
  INT8 {
    @Override
    Codec codec() {
      return new Lucene103Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return new Lucene99HnswScalarQuantizedVectorsFormat();
        }
      };
    }
  };

  /** The codec that writes new segments. */
  abstract Codec codec();
}
