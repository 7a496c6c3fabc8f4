/** BEIR-format data sets and the retrieval evaluation over them. */
@NullMarked
package dev.ragkb.eval.beir;

import org.jspecify.annotations.NullMarked;
