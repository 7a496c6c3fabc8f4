package dev.ragkb.gateway.config;

import dev.ragkb.core.BlobStore;
import dev.ragkb.core.DocumentStore;
import dev.ragkb.core.JobStore;
import dev.ragkb.core.KnowledgeBaseStore;
import dev.ragkb.ingest.blob.FileBlobStore;
import dev.ragkb.metadata.jdbc.JdbcDocumentStore;
import dev.ragkb.metadata.jdbc.JdbcJobStore;
import dev.ragkb.metadata.jdbc.JdbcKnowledgeBaseStore;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metadata and blobs under {@code ragkb.data-dir}; the indexes are in {@link IndexConfiguration}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The embedded metadata database: H2 in PostgreSQL mode, so the same migrations and SQL run on
   * PostgreSQL once {@code spring.datasource.url} points there. The path is made absolute because H2
   * refuses paths relative to the working directory. {@code WRITE_DELAY=0} writes each commit before it
   * returns: by default H2 holds commits back for up to a second, and a killed process loses them
   * while Kafka offsets and index commits that depend on them survive (KafkaCrashIT found it).
   */
  @Bean
  @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
  DataSource embeddedMetadataDataSource(RagkbProperties properties) {
    Path db = properties.dataDir().toAbsolutePath().normalize().resolve("metadata").resolve("ragkb");
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url("jdbc:h2:file:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")
        .username("ragkb")
        .password("")
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  KnowledgeBaseStore knowledgeBaseStore(DataSource dataSource) {
    return new JdbcKnowledgeBaseStore(dataSource);
  }

  @Bean
  @ConditionalOnMissingBean
  DocumentStore documentStore(DataSource dataSource) {
    return new JdbcDocumentStore(dataSource);
  }

  @Bean
  @ConditionalOnMissingBean
  JobStore jobStore(DataSource dataSource, Clock clock) {
    return new JdbcJobStore(dataSource, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  BlobStore blobStore(RagkbProperties properties) {
    return new FileBlobStore(properties.blobs());
  }
}
