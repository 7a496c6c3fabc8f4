package dev.ragkb.gateway.api;

import dev.ragkb.core.Acl;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.gateway.api.ApiModels.DocumentView;
import dev.ragkb.gateway.api.ApiModels.UploadMetadata;
import dev.ragkb.gateway.api.ApiModels.UploadReceipt;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.Upload;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Documents of a knowledge base: upload (as a job) and list. */
@RestController
class DocumentController {

  private final KnowledgeBaseResolver resolver;
  private final DocumentIngestor ingestor;
  private final DocumentStore documents;

  DocumentController(KnowledgeBaseResolver resolver, DocumentIngestor ingestor, DocumentStore documents) {
    this.resolver = resolver;
    this.ingestor = ingestor;
    this.documents = documents;
  }

  @PostMapping(path = "/v1/knowledge-bases/{kb}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  UploadReceipt upload(
      @PathVariable("kb") String name,
      @RequestPart(name = "file", required = false) @Nullable List<MultipartFile> files,
      @RequestPart(name = "metadata", required = false) @Nullable UploadMetadata metadata) {
    var kb = resolver.forEmbedding(name);
    if (files == null || files.isEmpty()) {
      throw new InvalidRequestException("no file: send one or more multipart parts named 'file'");
    }
    UploadMetadata meta = metadata != null ? metadata : new UploadMetadata(null, null, null);
    if (meta.documentId() != null && files.size() > 1) {
      throw new InvalidRequestException("documentId names one document: send one file with it");
    }
    Acl acl = meta.acl() == null ? Acl.PUBLIC : new Acl(orEmpty(meta.acl().users()), orEmpty(meta.acl().groups()));
    List<Upload> uploads = files.stream()
        .map(f -> new Upload(sourceOf(f), meta.documentId(), f::getInputStream, acl, orEmpty(meta.tags())))
        .toList();
    var receipt = ingestor.ingest(kb, uploads);
    return new UploadReceipt(receipt.jobId(), receipt.documentIds());
  }

  @GetMapping("/v1/knowledge-bases/{kb}/documents")
  List<DocumentView> list(@PathVariable("kb") String name) {
    return documents.list(resolver.byName(name).id()).stream().map(DocumentView::of).toList();
  }

  private static String sourceOf(MultipartFile f) {
    String name = f.getOriginalFilename();
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("every file part needs a filename");
    }
    return name;
  }

  private static Set<String> orEmpty(@Nullable Set<String> values) {
    return values == null ? Set.of() : values;
  }
}
