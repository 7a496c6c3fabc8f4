/** Small operations on embedding vectors shared by the embedding adapters. */
@NullMarked
package dev.ragkb.indexing.vector;

import org.jspecify.annotations.NullMarked;
