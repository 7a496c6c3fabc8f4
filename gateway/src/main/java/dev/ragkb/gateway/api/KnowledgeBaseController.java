package dev.ragkb.gateway.api;

import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.gateway.api.ApiModels.CreateKnowledgeBase;
import dev.ragkb.gateway.api.ApiModels.KnowledgeBaseView;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Knowledge bases: create, list, get. */
@RestController
class KnowledgeBaseController {

  private final KnowledgeBaseStore store;
  private final KnowledgeBaseResolver resolver;
  private final EmbeddingModels models;
  private final Clock clock;

  KnowledgeBaseController(KnowledgeBaseStore store, KnowledgeBaseResolver resolver, EmbeddingModels models,
      Clock clock) {
    this.store = store;
    this.resolver = resolver;
    this.models = models;
    this.clock = clock;
  }

  @PostMapping("/v1/knowledge-bases")
  @ResponseStatus(HttpStatus.CREATED)
  KnowledgeBaseView create(@Valid @RequestBody CreateKnowledgeBase body) {
    String language = body.language() != null ? body.language() : "en";
    String model = body.embeddingModel() != null ? body.embeddingModel() : models.modelFor(language);
    // Recorded with the knowledge base: its vectors never mix with another model's. An unknown model is a
    // 400; a served one is loaded now rather than on the first upload.
    models.forName(model);
    var kb = new KnowledgeBase(UUID.randomUUID().toString(), body.name(), language, model, clock.instant());
    store.create(kb);
    return KnowledgeBaseView.of(kb);
  }

  @GetMapping("/v1/knowledge-bases")
  List<KnowledgeBaseView> list() {
    return store.list().stream().map(KnowledgeBaseView::of).toList();
  }

  @GetMapping("/v1/knowledge-bases/{kb}")
  KnowledgeBaseView get(@PathVariable("kb") String name) {
    return KnowledgeBaseView.of(resolver.byName(name));
  }
}
