/** In-process embedding models on onnxruntime. */
@NullMarked
package dev.ragkb.indexing.onnx;

import org.jspecify.annotations.NullMarked;
