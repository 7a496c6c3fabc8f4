package dev.ragkb.gateway.api;

import dev.ragkb.core.Acl;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.InvalidRequestException;
import dev.ragkb.gateway.api.ApiModels.DocumentView;
import dev.ragkb.gateway.api.ApiModels.UploadMetadata;
import dev.ragkb.gateway.api.ApiModels.UploadReceipt;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.DocumentRemover;
import dev.ragkb.ingest.Upload;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Documents of a knowledge base: upload (as a job), replace, delete and list. */
@RestController
class DocumentController {

  private final KnowledgeBaseResolver resolver;
  private final DocumentIngestor ingestor;
  private final DocumentStore documents;
  private final DocumentRemover remover;

  DocumentController(KnowledgeBaseResolver resolver, DocumentIngestor ingestor, DocumentStore documents,
      DocumentRemover remover) {
    this.resolver = resolver;
    this.ingestor = ingestor;
    this.documents = documents;
    this.remover = remover;
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
    Acl acl = aclOf(meta);
    List<Upload> uploads = files.stream()
        .map(f -> new Upload(sourceOf(f), meta.documentId(), f::getInputStream, acl, orEmpty(meta.tags())))
        .toList();
    var receipt = ingestor.ingest(kb, uploads);
    return new UploadReceipt(receipt.jobId(), receipt.documentIds());
  }

  /**
   * Replaces the document's content and keeps its id (creates it when new). Unchanged content is a
   * no-op; changed content replaces every chunk of the old version at once when the new one is indexed.
   */
  @PutMapping(path = "/v1/knowledge-bases/{kb}/documents/{id}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  UploadReceipt replace(
      @PathVariable("kb") String name,
      @PathVariable("id") String documentId,
      @RequestPart(name = "file", required = false) @Nullable List<MultipartFile> files,
      @RequestPart(name = "metadata", required = false) @Nullable UploadMetadata metadata) {
    var kb = resolver.byName(name);
    if (files == null || files.size() != 1) {
      throw new InvalidRequestException("send exactly one multipart part named 'file'");
    }
    UploadMetadata meta = metadata != null ? metadata : new UploadMetadata(null, null, null);
    if (meta.documentId() != null && !meta.documentId().equals(documentId)) {
      throw new InvalidRequestException("the metadata names another document id than the path");
    }
    MultipartFile f = files.getFirst();
    var receipt = ingestor.ingest(kb, List.of(new Upload(sourceOf(f), documentId, f::getInputStream, aclOf(meta), orEmpty(meta.tags()))));
    return new UploadReceipt(receipt.jobId(), receipt.documentIds());
  }

  /** Removes the document, its chunks and vectors, and its stored files. */
  @DeleteMapping("/v1/knowledge-bases/{kb}/documents/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable("kb") String name, @PathVariable("id") String documentId) {
    remover.delete(resolver.byName(name), documentId);
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

  private static Acl aclOf(UploadMetadata meta) {
    return meta.acl() == null ? Acl.PUBLIC : new Acl(orEmpty(meta.acl().users()), orEmpty(meta.acl().groups()));
  }

  private static Set<String> orEmpty(@Nullable Set<String> values) {
    return values == null ? Set.of() : values;
  }
}
