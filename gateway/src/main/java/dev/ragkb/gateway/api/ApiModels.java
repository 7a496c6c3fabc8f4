package dev.ragkb.gateway.api;

import dev.ragkb.core.Answer;
import dev.ragkb.core.Citation;
import dev.ragkb.core.Document;
import dev.ragkb.core.FusionMethod;
import dev.ragkb.core.Hit;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.core.Job;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.RetrievalSettings;
import dev.ragkb.core.SearchFilter;
import dev.ragkb.core.UnsupportedClaim;
import dev.ragkb.retrieval.ask.Reply;
import dev.ragkb.retrieval.highlight.Highlight;
import dev.ragkb.retrieval.hybrid.Ranking;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the REST API. Field names are public API. */
final class ApiModels {

  private ApiModels() {}

  /**
   * How a search ranks, as a knowledge base records it or a request overrides it. Each field left
   * out comes from the layer below: request, then knowledge base, then the service's configuration.
   *
   * @param fusion {@code rrf}, {@code linear-min-max} or {@code linear-z-score}; another name is a 400
   *     from {@link FusionMethod#of}
   * @param vectorWeight linear fusion's weight of the kNN scores, in [0, 1] (0: BM25 alone, 1: kNN alone)
   * @param rrfK reciprocal rank fusion's k, at least 1
   * @param mmrLambda maximal marginal relevance over the fused hits, in [0, 1]; 1 turns it off, lower
   *     values push hits that repeat an earlier hit further down
   */
  record RetrievalBody(
      @Schema(description = "how BM25 and kNN rankings merge", allowableValues = {"rrf", "linear-min-max", "linear-z-score"})
      @Nullable String fusion,
      @Schema(description = "linear fusion: weight of the kNN scores; BM25 gets 1 minus it", minimum = "0", maximum = "1")
      @Nullable @DecimalMin("0") @DecimalMax("1") Double vectorWeight,
      @Schema(description = "reciprocal rank fusion: the k in 1 / (k + rank)", minimum = "1")
      @Nullable @Min(1) Integer rrfK,
      @Schema(description = "maximal marginal relevance: share of relevance against novelty; 1 is off",
          minimum = "0", maximum = "1")
      @Nullable @DecimalMin("0") @DecimalMax("1") Double mmrLambda) {

    static RetrievalSettings settings(@Nullable RetrievalBody body) {
      return body == null ? RetrievalSettings.INHERIT : new RetrievalSettings(
          body.fusion() == null ? null : FusionMethod.of(body.fusion()), body.vectorWeight(), body.rrfK(),
          body.mmrLambda());
    }

    static RetrievalBody of(RetrievalSettings s) {
      return new RetrievalBody(s.fusion() == null ? null : s.fusion().wireName(), s.vectorWeight(), s.rrfK(),
          s.mmrLambda());
    }

    static RetrievalBody of(Ranking r) {
      return new RetrievalBody(r.fusion().wireName(), r.vectorWeight(), r.rrfK(), r.mmrLambda());
    }
  }

  record CreateKnowledgeBase(@NotBlank String name, @Nullable String language, @Nullable String embeddingModel,
      @Nullable @Valid RetrievalBody retrieval) {}

  /** {@code PATCH /v1/knowledge-bases/{kb}}: what may change without reindexing. */
  record UpdateKnowledgeBase(
      @Schema(description = "replaces the recorded retrieval settings as a whole; a field left out returns to "
          + "the service default")
      @NotNull @Valid RetrievalBody retrieval) {}

  /**
   * @param retrieval the settings recorded with the knowledge base (null fields: the service default)
   * @param effectiveRetrieval what its searches use when a request overrides nothing
   */
  record KnowledgeBaseView(String name, String language, String embeddingModel, Instant createdAt,
      RetrievalBody retrieval, RetrievalBody effectiveRetrieval) {
    static KnowledgeBaseView of(KnowledgeBase kb, Ranking defaults) {
      return new KnowledgeBaseView(kb.name(), kb.language(), kb.embeddingModel(), kb.createdAt(),
          RetrievalBody.of(kb.retrieval()),
          RetrievalBody.of(defaults.under(kb.retrieval(), RetrievalSettings.INHERIT)));
    }
  }

  record AclBody(@Nullable Set<String> users, @Nullable Set<String> groups) {}

  /** The optional {@code metadata} part of an upload; applies to every file of the request. */
  record UploadMetadata(@Nullable String documentId, @Nullable @Valid AclBody acl, @Nullable Set<String> tags) {}

  record UploadReceipt(String jobId, List<String> documentIds) {}

  record DocumentView(String documentId, String source, String title, String status, @Nullable String error,
      int chunkCount, Set<String> tags, Instant updatedAt) {
    static DocumentView of(Document d) {
      return new DocumentView(d.id(), d.source(), d.title(), d.status().name().toLowerCase(Locale.ROOT), d.error(),
          d.chunkCount(), d.tags(), d.updatedAt());
    }
  }

  record JobView(String id, String status, int total, int done, int succeeded, int skipped, int failed,
      List<Job.DocumentError> errors, Instant createdAt, Instant updatedAt) {
    static JobView of(Job j) {
      return new JobView(j.id(), j.status().name().toLowerCase(Locale.ROOT), j.total(), j.done(), j.succeeded(),
          j.skipped(), j.failed(), j.errors(), j.createdAt(), j.updatedAt());
    }
  }

  /** What {@code POST /v1/dead-letters/replay} did: letters read, and documents sent through again. */
  record ReplayView(int deadLetters, int replayed) {}

  /**
   * @param from the earliest document date returned, inclusive: an ISO-8601 instant ({@code 2024-03-01T12:00:00Z})
   *     or date ({@code 2024-03-01}, meaning its start in UTC)
   * @param to the first document date no longer returned, exclusive, in the same forms
   */
  record Filters(@Nullable Set<String> documentIds, @Nullable Set<String> tags, @Nullable String from,
      @Nullable String to) {

    /** @throws InvalidRequestException for a value that is neither form, or a range that is empty */
    SearchFilter.DateRange dates() {
      return new SearchFilter.DateRange(instant("from", from), instant("to", to));
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
      if (value == null) {
        return null;
      }
      try {
        return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException(
            "filters." + name + " is neither an ISO-8601 instant (2024-03-01T12:00:00Z) nor a date (2024-03-01): " + value);
      }
    }
  }

  /** @param retrieval overrides the knowledge base's ranking for this search only */
  record SearchBody(@NotBlank @Size(max = 4000) String query, @Nullable @Min(1) @Max(1000) Integer topK,
      @Nullable Filters filters, @Nullable @Valid RetrievalBody retrieval) {}

  /**
   * @param snippet the chunk's whole text
   * @param highlights the best fragments of the snippet with the query's terms as character ranges ({@link Highlight})
   * @param date the document's date, which {@code filters.from} and {@code to} select on; null when not recorded
   */
  record HitView(String documentId, String source, String title, String chunkId, String snippet, @Nullable Integer page,
      List<String> headingPath, double score, List<Highlight> highlights, @Nullable Instant date) {
    static HitView of(Hit h, List<Highlight> highlights) {
      var c = h.chunk();
      return new HitView(c.documentId(), c.source(), c.title(), c.id(), c.text(), c.page(), c.headingPath(), h.score(),
          highlights, c.date());
    }
  }

  record SearchResult(List<HitView> hits) {}

  /** @param retrieval overrides the knowledge base's ranking of this question's sources */
  record AskBody(@NotBlank @Size(max = 4000) String question, @Nullable String conversationId, @Nullable Boolean stream,
      @Nullable Filters filters, @Nullable @Valid RetrievalBody retrieval) {}

  record CitationView(int n, String documentId, String source, String title, String chunkId, String snippet,
      @Nullable Integer page, double score, int snippetStart, int snippetEnd) {
    static CitationView of(Citation c) {
      return new CitationView(c.n(), c.documentId(), c.source(), c.title(), c.chunkId(), c.snippet(), c.page(), c.score(),
          c.snippetStart(), c.snippetEnd());
    }
  }

  /** A cited sentence that its cited source does not appear to support. */
  record UnsupportedView(String sentence, int n, double similarity) {
    static UnsupportedView of(UnsupportedClaim u) {
      return new UnsupportedView(u.sentence(), u.n(), u.similarity());
    }
  }

  /**
   * The answer to {@code ask}; with {@code "stream": true}, also the data of the final {@code done}
   * event. {@code degraded}: the LLM failed and the extractive generator answered.
   */
  /** @param intent {@code question}, or {@code small_talk} for a greeting answered without searching */
  record AnswerView(String answer, List<CitationView> citations, boolean abstained, boolean degraded,
      List<UnsupportedView> unsupported, String intent) {
    static AnswerView of(Reply reply) {
      Answer a = reply.answer();
      return new AnswerView(a.answer(), a.citations().stream().map(CitationView::of).toList(), a.abstained(),
          a.degraded(), a.unsupported().stream().map(UnsupportedView::of).toList(),
          reply.intent().name().toLowerCase(Locale.ROOT));
    }
  }
}
