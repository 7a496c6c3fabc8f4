package dev.ragkb.gateway.api;

import dev.ragkb.core.Answer;
import dev.ragkb.core.Citation;
import dev.ragkb.core.Document;
import dev.ragkb.core.Hit;
import dev.ragkb.core.Job;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.UnsupportedClaim;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the REST API. Field names are public API. */
final class ApiModels {

  private ApiModels() {}

  record CreateKnowledgeBase(@NotBlank String name, @Nullable String language, @Nullable String embeddingModel) {}

  record KnowledgeBaseView(String name, String language, String embeddingModel, Instant createdAt) {
    static KnowledgeBaseView of(KnowledgeBase kb) {
      return new KnowledgeBaseView(kb.name(), kb.language(), kb.embeddingModel(), kb.createdAt());
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

  record Filters(@Nullable Set<String> documentIds, @Nullable Set<String> tags) {}

  record SearchBody(@NotBlank @Size(max = 4000) String query, @Nullable @Min(1) @Max(1000) Integer topK,
      @Nullable Filters filters) {}

  record HitView(String documentId, String source, String title, String chunkId, String snippet, @Nullable Integer page,
      List<String> headingPath, double score) {
    static HitView of(Hit h) {
      var c = h.chunk();
      return new HitView(c.documentId(), c.source(), c.title(), c.id(), c.text(), c.page(), c.headingPath(), h.score());
    }
  }

  record SearchResult(List<HitView> hits) {}

  record AskBody(@NotBlank @Size(max = 4000) String question, @Nullable String conversationId, @Nullable Boolean stream,
      @Nullable Filters filters) {}

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
    static AnswerView of(Answer a) {
      return new AnswerView(a.answer(), a.citations().stream().map(CitationView::of).toList(), a.abstained(),
          a.degraded(), a.unsupported().stream().map(UnsupportedView::of).toList(), "question");
    }

    static AnswerView smallTalk(String reply) {
      return new AnswerView(reply, List.of(), false, false, List.of(), "small_talk");
    }
  }
}
