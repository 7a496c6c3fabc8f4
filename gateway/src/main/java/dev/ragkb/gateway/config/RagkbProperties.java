package dev.ragkb.gateway.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the whole service.
 *
 * @param dataDir where everything persistent lives: metadata, indexes, uploaded originals, the
 *     generated API key ({@code RAGKB_DATA_DIR})
 * @param apiKey the admin API key ({@code RAGKB_API_KEY}); when unset, one is generated on first
 *     start, stored in the data dir and printed
 */
@Validated
@ConfigurationProperties("ragkb")
public record RagkbProperties(@DefaultValue("./data") @NotNull Path dataDir, @Nullable String apiKey) {}
