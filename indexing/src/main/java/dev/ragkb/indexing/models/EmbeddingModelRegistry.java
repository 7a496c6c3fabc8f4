package dev.ragkb.indexing.models;

import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.EmbeddingModels;
import dev.ragkb.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served models, each loaded on first use: an ONNX session costs memory (100-200 MB per bge-small),
 * so a model no knowledge base uses is never loaded. Thread-safe; a model is loaded once even when
 * several threads ask for it at the same moment. Closes the models it loaded.
 */
public final class EmbeddingModelRegistry implements EmbeddingModels, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddingModelRegistry.class);

  /**
   * Settings.
   *
   * @param served the names served, the default first
   * @param languageModels the model of new knowledge bases in a language, by primary language subtag
   *     (such as {@code zh}); an entry whose model is not served is ignored
   */
  public record Settings(List<String> served, Map<String, String> languageModels) {
    public Settings {
      served = List.copyOf(served);
      languageModels = Map.copyOf(languageModels);
      if (served.isEmpty()) {
        throw new IllegalArgumentException("at least one embedding model must be served");
      }
    }
  }

  private final Settings settings;
  private final Function<String, EmbeddingModel> loader;
  private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

  /** @param loader loads a served model by name; called at most once per name */
  public EmbeddingModelRegistry(Settings settings, Function<String, EmbeddingModel> loader) {
    this.settings = settings;
    this.loader = loader;
  }

  @Override
  public String defaultModel() {
    return settings.served().getFirst();
  }

  @Override
  public List<String> served() {
    return settings.served();
  }

  @Override
  public String modelFor(String language) {
    String primary = language.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    String model = settings.languageModels().get(primary);
    return model != null && settings.served().contains(model) ? model : defaultModel();
  }

  @Override
  public EmbeddingModel forName(String name) {
    if (!settings.served().contains(name)) {
      throw new InvalidRequestException("embedding model '" + name + "' is not served here; served: "
          + String.join(", ", settings.served()));
    }
    // Loading holds the map's bin lock for a second or so: CPU-bound work, and it keeps a model from loading twice.
    return loaded.computeIfAbsent(name, n -> {
      EmbeddingModel model = Objects.requireNonNull(loader.apply(n), n);
      log.info("loaded embedding model {} ({} dimensions)", n, model.dimension());
      return model;
    });
  }

  @Override
  public void close() throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (EmbeddingModel model : loaded.values()) {
      if (model instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          failures.add(e);
        }
      }
    }
    loaded.clear();
    if (!failures.isEmpty()) {
      Exception first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }
}
