package dev.ragkb.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextBlockReaderTest {

  @Test
  void replacesHeadingsOfTheSameOrDeeperLevel() {
    ParsedDocument doc = markdown("# A\n## B\n### C\nunder c\n## D\nunder d\n# E\nunder e");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(
            tuple("under c", List.of("A", "B", "C")),
            tuple("under d", List.of("A", "D")),
            tuple("under e", List.of("E")));
  }

  @Test
  void readsSetextHeadingsAndClosingHashes() {
    ParsedDocument doc = markdown("Guide\n=====\n\nIntro.\n\nSetup ##\n-----\nSteps.\n\n### Notes ###\nLast.");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(
            tuple("Intro.", List.of("Guide")),
            tuple("Steps.", List.of("Guide", "Setup ##")),
            tuple("Last.", List.of("Guide", "Setup ##", "Notes")));
  }

  @Test
  void keepsAFencedCodeBlockWholeWithItsHashComments() {
    ParsedDocument doc = markdown("# Run\n~~~\n# comment\n\nmake all\n~~~\nAfter.");

    assertThat(doc.blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(tuple("# comment make all", List.of("Run")), tuple("After.", List.of("Run")));
  }

  @Test
  void treatsAHashWithoutSpaceAsText() {
    assertThat(markdown("#hashtag is text").blocks()).extracting(Block::text).containsExactly("#hashtag is text");
  }

  @Test
  void skipsFrontMatterAndThematicBreaks() {
    ParsedDocument doc = markdown("---\ntitle: Hidden\ntags: [a]\n---\nFirst.\n\n***\nSecond.");

    assertThat(doc.blocks()).extracting(Block::text).containsExactly("First.", "Second.");
  }

  @Test
  void leavesMarkdownSyntaxAloneInPlainText() {
    BlockAssembler assembler = new BlockAssembler();
    new TextBlockReader(TextBlockReader.Syntax.PLAIN, assembler).read("# Not a heading\n\n---\nStill text.");

    assertThat(assembler.toDocument("t", "text/plain").blocks())
        .extracting(Block::text, Block::headingPath)
        .containsExactly(tuple("# Not a heading", List.of()), tuple("--- Still text.", List.of()));
  }

  private static ParsedDocument markdown(String text) {
    BlockAssembler assembler = new BlockAssembler();
    new TextBlockReader(TextBlockReader.Syntax.MARKDOWN, assembler).read(text);
    return assembler.toDocument("t", "text/markdown");
  }
}
