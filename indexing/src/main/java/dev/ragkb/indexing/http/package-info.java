/** Embedding models served over HTTP by a GPU embedding service: OpenAI-compatible or Hugging Face TEI. */
@NullMarked
package dev.ragkb.indexing.http;

import org.jspecify.annotations.NullMarked;
