/** Text primitives shared by the generators and the citation checks. */
@NullMarked
package dev.ragkb.generation.text;

import org.jspecify.annotations.NullMarked;
