package dev.ragkb.gateway.config;

import dev.ragkb.parsing.TikaDocumentParser;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How uploaded files are parsed (the largest accepted file is {@code ragkb.ingest.max-file-size}).
 *
 * @param timeout the longest one file's parse may take; past it the file fails with reason TIMEOUT
 * @param maxTextChars the most characters of text taken from one file; the heap a parse needs grows with it
 * @param maxEmbeddedDepth how deep attachments and archives may nest before a file counts as a bomb
 * @param maxEmbeddedDocuments how many attachments and archive entries one file may hold in all
 * @param ocr whether scanned pages and images are read with Tesseract when it is installed
 * @param ocrLanguages Tesseract language codes joined by {@code +}; each must be installed
 */
@Validated
@ConfigurationProperties("ragkb.parsing")
public record ParsingProperties(
    @DefaultValue("5m") Duration timeout,
    @DefaultValue("32000000") @Min(1) int maxTextChars,
    @DefaultValue("5") @Min(0) int maxEmbeddedDepth,
    @DefaultValue("10000") @Min(0) int maxEmbeddedDocuments,
    @DefaultValue("when-installed") TikaDocumentParser.Ocr ocr,
    @DefaultValue("eng+chi_sim") @Pattern(regexp = "[a-z_]+(\\+[a-z_]+)*") String ocrLanguages) {

  /** The parser's settings for files of up to {@code maxBytes}. */
  TikaDocumentParser.Settings toSettings(long maxBytes) {
    return new TikaDocumentParser.Settings(
        maxBytes, maxTextChars, timeout, maxEmbeddedDepth, maxEmbeddedDocuments, ocr, ocrLanguages);
  }
}
