package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragkb.core.UnparseableDocumentException;
import org.junit.jupiter.api.Test;

class BlockAssemblerTest {

  @Test
  void separatesBlocksByABlankLineAndRecordsTheirOffsets() {
    BlockAssembler assembler = new BlockAssembler();
    assembler.block("  first\n block ", null);
    assembler.block("\u0000", null);
    assembler.block("second", 3);

    ParsedDocument doc = assembler.toDocument("t", "text/plain");

    assertThat(doc.text()).isEqualTo("first block\n\nsecond");
    assertThat(doc.blocks().get(1).startOffset()).isEqualTo(13);
    assertThat(doc.blocks().get(1).page()).isEqualTo(3);
  }

  @Test
  void remembersTheFirstTopLevelHeading() {
    BlockAssembler assembler = new BlockAssembler();
    assembler.heading(2, "Not top level");
    assembler.heading(1, " ");
    assembler.heading(1, "Title");
    assembler.heading(1, "Later");

    assertThat(assembler.firstH1()).isEqualTo("Title");
  }

  @Test
  void ignoresABlankHeadingInsteadOfClosingTheSection() {
    BlockAssembler assembler = new BlockAssembler();
    assembler.heading(1, "Kept");
    assembler.heading(1, "\u200B");
    assembler.block("text", null);

    assertThat(assembler.toDocument("t", "text/html").blocks().getFirst().headingPath()).containsExactly("Kept");
  }

  @Test
  void refusesToBuildADocumentWithoutText() {
    BlockAssembler assembler = new BlockAssembler();
    assembler.heading(1, "Only a heading");

    assertThatThrownBy(() -> assembler.toDocument("t", "text/html"))
        .isInstanceOf(UnparseableDocumentException.class)
        .hasMessageContaining("no text");
  }
}
