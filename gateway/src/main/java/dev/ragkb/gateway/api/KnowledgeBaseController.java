package dev.ragkb.gateway.api;

import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.gateway.api.ApiModels.CreateKnowledgeBase;
import dev.ragkb.gateway.api.ApiModels.KnowledgeBaseView;
import dev.ragkb.gateway.api.ApiModels.RetrievalBody;
import dev.ragkb.gateway.api.ApiModels.UpdateKnowledgeBase;
import dev.ragkb.retrieval.hybrid.Ranking;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Knowledge bases: create, list, get, and change their retrieval settings. */
@RestController
class KnowledgeBaseController {

  private final KnowledgeBaseStore store;
  private final KnowledgeBaseResolver resolver;
  private final EmbeddingModels models;
  private final Clock clock;
  private final Ranking defaults;

  KnowledgeBaseController(KnowledgeBaseStore store, KnowledgeBaseResolver resolver, EmbeddingModels models,
      Clock clock, Ranking defaults) {
    this.store = store;
    this.resolver = resolver;
    this.models = models;
    this.clock = clock;
    this.defaults = defaults;
  }

  @PostMapping("/v1/knowledge-bases")
  @ResponseStatus(HttpStatus.CREATED)
  KnowledgeBaseView create(@Valid @RequestBody CreateKnowledgeBase body) {
    String language = body.language() != null ? body.language() : "en";
    String model = body.embeddingModel() != null ? body.embeddingModel() : models.modelFor(language);
    // Recorded with the knowledge base: its vectors never mix with another model's. An unknown model is a
    // 400; a served one is loaded now rather than on the first upload.
    models.forName(model);
    var kb = new KnowledgeBase(UUID.randomUUID().toString(), body.name(), language, model, clock.instant(),
        RetrievalBody.settings(body.retrieval()));
    store.create(kb);
    return KnowledgeBaseView.of(kb, defaults);
  }

  @GetMapping("/v1/knowledge-bases")
  List<KnowledgeBaseView> list() {
    return store.list().stream().map(kb -> KnowledgeBaseView.of(kb, defaults)).toList();
  }

  @GetMapping("/v1/knowledge-bases/{kb}")
  KnowledgeBaseView get(@PathVariable("kb") String name) {
    return KnowledgeBaseView.of(resolver.byName(name), defaults);
  }

  /** Replaces the retrieval settings; ranking reads no index structure, so nothing is reindexed. */
  @PatchMapping("/v1/knowledge-bases/{kb}")
  KnowledgeBaseView update(@PathVariable("kb") String name, @Valid @RequestBody UpdateKnowledgeBase body) {
    var kb = resolver.byName(name).withRetrieval(RetrievalBody.settings(body.retrieval()));
    store.updateRetrieval(kb.id(), kb.retrieval());
    return KnowledgeBaseView.of(kb, defaults);
  }
}
