package dev.ragkb.retrieval.ask;

import dev.ragkb.core.Answer;
import dev.ragkb.core.AnswerStream;
import dev.ragkb.core.Generator;
import dev.ragkb.core.KnowledgeBaseEmbeddings;
import dev.ragkb.core.RagkbException;
import dev.ragkb.generation.Generators;
import dev.ragkb.retrieval.query.Intent;
import dev.ragkb.retrieval.query.QueryPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a question to its answer, the one path that the REST API, the OpenAI-compatible endpoint,
 * the CLI (through them), evaluation and other front ends share: small talk gets a greeting; a
 * question is condensed with its conversation, retrieved within the caller's filter ({@link
 * QueryPipeline}) and answered by the generator of the knowledge base's embedding model, so
 * retrieval, the extractive generator and the citation checks all compare text with the same model
 * ({@link KnowledgeBaseEmbeddings} is the one rule for which model that is). Thread-safe.
 */
public final class AskUseCase {

  private static final Logger log = LoggerFactory.getLogger(AskUseCase.class);

  /** What small talk ("hello", "thanks") gets instead of a search. */
  public static final String SMALL_TALK_REPLY = "Hello! Ask me a question about the documents in this knowledge base.";

  private final QueryPipeline queries;
  private final KnowledgeBaseEmbeddings embeddings;
  private final Generators generators;

  public AskUseCase(QueryPipeline queries, KnowledgeBaseEmbeddings embeddings, Generators generators) {
    this.queries = queries;
    this.embeddings = embeddings;
    this.generators = generators;
  }

  /**
   * Answers at once.
   *
   * @throws RagkbException when the knowledge base is unknown or its model not served, the request is
   *     invalid, or retrieval or generation failed
   */
  public Reply ask(QueryPipeline.Question question) {
    Generator generator = generatorOf(question.kbId());
    return answer(generator, queries.prepare(question), AnswerStream.DISCARD);
  }

  /**
   * Answers as a stream. Retrieval runs before {@code opener} is called, so that its failures (an
   * unknown knowledge base, a bad request) still reach the caller as exceptions, before any output;
   * after that, a failure of the generator ends the events with {@link AnswerEvents#failed}, and a
   * client that went away ends them silently.
   *
   * @throws IOException when the events cannot be opened
   */
  public void stream(QueryPipeline.Question question, AnswerEvents.Opener<?> opener) throws IOException {
    Generator generator = generatorOf(question.kbId());
    QueryPipeline.Prepared prepared = queries.prepare(question);
    AnswerEvents events = opener.open();
    try {
      events.done(answer(generator, prepared, events));
    } catch (RagkbException e) {
      log.warn("streamed answer failed ({}): {}", e.code(), e.getMessage());
      events.failed(e);
    } catch (UncheckedIOException e) {
      log.debug("client left before the answer was complete: {}", e.getMessage());
    }
  }

  /** Also how an unknown knowledge base, or one whose model is not served, fails before anything is written. */
  private Generator generatorOf(String kbId) {
    return generators.forModel(embeddings.forKnowledgeBase(kbId));
  }

  private static Reply answer(Generator generator, QueryPipeline.Prepared prepared, AnswerStream stream) {
    if (prepared.intent() == Intent.SMALL_TALK) {
      stream.append(SMALL_TALK_REPLY);
      return new Reply(Intent.SMALL_TALK, prepared.query(), new Answer(SMALL_TALK_REPLY, List.of(), false));
    }
    return new Reply(Intent.QUESTION, prepared.query(), generator.generate(prepared.query(), prepared.sources(), stream));
  }
}
