package dev.ragkb.gateway.cli;

import dev.ragkb.core.Acl;
import dev.ragkb.core.Chunk;
import dev.ragkb.core.EmbeddingModel;
import dev.ragkb.core.Job;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBase;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.gateway.RagkbApplication;
import dev.ragkb.gateway.config.IngestProperties;
import dev.ragkb.ingest.DocumentIngestor;
import dev.ragkb.ingest.Upload;
import dev.ragkb.ingest.pipeline.ChunkStage;
import dev.ragkb.ingest.pipeline.EmbedStage;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentParsed;
import dev.ragkb.ingest.pipeline.IngestMessage.DocumentReceived;
import dev.ragkb.parsing.StructuredChunker;
import dev.ragkb.parsing.TikaDocumentParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code rag bench ingest}: embedding-only versus end-to-end ingestion throughput. */
@Command(name = "ingest", description = "Embedding-only throughput vs. end-to-end ingestion throughput, as JSON.")
final class IngestBenchCommand implements Callable<Integer> {

  @Option(names = "--corpus", description = "a folder of documents (default: a generated corpus)") Path corpus;

  @Option(names = "--documents", defaultValue = "150", description = "documents to generate (default ${DEFAULT-VALUE})")
  int documents;

  @Option(names = "--words", defaultValue = "400", description = "words per generated document (default ${DEFAULT-VALUE})")
  int words;

  @Override
  public Integer call() throws Exception {
    Path dataDir = Files.createTempDirectory("ragkb-bench-");
    try (ConfigurableApplicationContext context = SpringApplication.run(RagkbApplication.class,
        "--spring.main.web-application-type=none", "--ragkb.data-dir=" + dataDir, "--ragkb.api-key=bench",
        // the embed-only pass would otherwise fill the cache the pipeline then reads: a lookup, not the model
        "--ragkb.embedding.cache=false", "--logging.level.root=WARN")) {
      List<Upload> uploads = corpus != null ? read(corpus) : generate(documents, words);
      Map<String, Object> result = run(context, uploads);
      System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return 0;
    } finally {
      deleteTree(dataDir);
    }
  }

  private static Map<String, Object> run(ConfigurableApplicationContext context, List<Upload> uploads) throws IOException {
    EmbeddingModel model = context.getBean(EmbeddingModel.class);
    int batchSize = context.getBean(IngestProperties.class).embedBatchSize();
    long parseStart = System.nanoTime();
    List<String> passages = passages(context, uploads);
    double parseAndChunkSeconds = (System.nanoTime() - parseStart) / 1e9;
    model.embedPassages(passages.subList(0, Math.min(batchSize, passages.size()))); // load and warm the model

    long start = System.nanoTime();
    for (int from = 0; from < passages.size(); from += batchSize) {
      model.embedPassages(passages.subList(from, Math.min(passages.size(), from + batchSize)));
    }
    double embedSeconds = (System.nanoTime() - start) / 1e9;

    KnowledgeBase kb = new KnowledgeBase(UUID.randomUUID().toString(), "bench", "en", model.name(), Instant.now());
    context.getBean(KnowledgeBaseStore.class).create(kb);
    JobStore jobs = context.getBean(JobStore.class);
    start = System.nanoTime();
    String jobId = context.getBean(DocumentIngestor.class).ingest(kb, uploads).jobId();
    Job job = jobs.find(jobId).orElseThrow();
    while (job.done() < job.total()) {
      LockSupport.parkNanos(10_000_000); // 10 ms between looks: well under the run's length
      job = jobs.find(jobId).orElseThrow();
    }
    double endToEndSeconds = (System.nanoTime() - start) / 1e9;

    double embedOnly = passages.size() / embedSeconds;
    double endToEnd = passages.size() / endToEndSeconds;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documents", uploads.size());
    out.put("chunks", passages.size());
    out.put("failed_documents", job.failed());
    out.put("embed_batch_size", batchSize);
    out.put("parse_and_chunk_seconds", round(parseAndChunkSeconds)); // one thread, cold: where the rest of the time goes
    out.put("embed_only_seconds", round(embedSeconds));
    out.put("end_to_end_seconds", round(endToEndSeconds));
    out.put("embed_only_chunks_per_s", round(embedOnly));
    out.put("end_to_end_chunks_per_s", round(endToEnd));
    out.put("ratio", round(endToEnd / embedOnly));
    out.put("cores", Runtime.getRuntime().availableProcessors());
    return out;
  }

  /** The texts the pipeline will embed: the same parser, chunker and heading prefix. */
  private static List<String> passages(ConfigurableApplicationContext context, List<Upload> uploads) throws IOException {
    TikaDocumentParser parser = context.getBean(TikaDocumentParser.class);
    ChunkStage chunks = new ChunkStage(context.getBean(StructuredChunker.class), context.getBean(Clock.class));
    List<String> passages = new ArrayList<>();
    for (Upload u : uploads) {
      try (var in = u.content().open()) {
        var received = new DocumentReceived("bench", "bench", "d", u.source(), "b", "0123456789abcdef", Acl.PUBLIC, Set.of());
        for (Chunk c : chunks.run(new DocumentParsed(received, parser.parse(in, u.source()))).chunks()) {
          passages.add(EmbedStage.embeddedText(c));
        }
      }
    }
    return passages;
  }

  private static List<Upload> read(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).sorted()
          .map(f -> new Upload(folder.relativize(f).toString(), null, () -> Files.newInputStream(f), Acl.PUBLIC, Set.of()))
          .toList();
    }
  }

  /** Plain-text documents of English-like sentences, the same for the same arguments. */
  static List<Upload> generate(int count, int wordsPerDocument) {
    String[] vocabulary = ("the a of to and in for on with by from at as is are was be this that which policy customer "
        + "order invoice refund warranty product service account payment delivery return support contract employee "
        + "manager office travel expense report schedule meeting project team system network security access data "
        + "storage backup device router printer laptop password request approval budget quarter annual review process "
        + "within days hours must should may can will after before during each every all any new old first last").split(" ");
    SplittableRandom random = new SplittableRandom(42);
    List<Upload> uploads = new ArrayList<>(count);
    for (int d = 0; d < count; d++) {
      StringBuilder text = new StringBuilder("Document ").append(d).append("\n\n");
      for (int w = 0; w < wordsPerDocument; w++) {
        text.append(vocabulary[random.nextInt(vocabulary.length)]).append(w % 15 == 14 ? ".\n" : " ");
        if (w % 120 == 119) {
          text.append('\n');
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      uploads.add(new Upload("bench-%04d.txt".formatted(d), null, () -> new ByteArrayInputStream(bytes), Acl.PUBLIC, Set.of()));
    }
    return uploads;
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
