/** Uploaded originals on the local file system. */
@NullMarked
package dev.ragkb.ingest.blob;

import org.jspecify.annotations.NullMarked;
