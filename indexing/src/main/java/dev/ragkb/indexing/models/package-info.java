/** Which embedding model serves which knowledge base: the registry of served models and the lookup per knowledge base. */
@NullMarked
package dev.ragkb.indexing.models;

import org.jspecify.annotations.NullMarked;
