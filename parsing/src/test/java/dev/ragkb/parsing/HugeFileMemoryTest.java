package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory: 200 MB files go through the parser in a child JVM whose heap is a fraction of that, and each
 * ends in a result or a typed error, never in an OutOfMemoryError. The heap needed grows with the text limit, not
 * with the file.
 */
class HugeFileMemoryTest {

  private static final String HEAP = "-Xmx96m";
  /** 2 million characters: what a 96 MB heap holds comfortably alongside Tika (text, blocks, buffers). */
  private static final int MAX_TEXT_CHARS = 2_000_000;

  @Test
  void parsesTwoHundredMegabyteFilesInANinetySixMegabyteHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), HugeFileParse.class.getName(),
        String.valueOf(MAX_TEXT_CHARS)));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = child.waitFor();

    assertThat(exit).as(output).isZero();
    // each stops at a limit, not at the heap's end ("not enough memory" would be an OutOfMemoryError caught)
    assertThat(output.lines().filter(line -> line.startsWith("huge.")))
        .as(output)
        .containsExactly(
            "huge.txt TOO_LARGE (extracted text exceeds the limit of 2000000 characters: huge.txt)",
            "huge.csv TOO_LARGE (extracted text exceeds the limit of 2000000 characters: huge.csv)",
            "huge.html TOO_LARGE (text/html files are parsed in memory and limited to 2000000 bytes, as their text is: "
                + "huge.html)");
  }
}
