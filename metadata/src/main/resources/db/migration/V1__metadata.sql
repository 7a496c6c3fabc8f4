-- Metadata of knowledge bases, documents and jobs. Portable SQL: runs on H2 (embedded default,
-- PostgreSQL mode) and on PostgreSQL.
CREATE TABLE knowledge_bases (
  id              VARCHAR(64)  PRIMARY KEY,
  name            VARCHAR(64)  NOT NULL UNIQUE,
  language        VARCHAR(16)  NOT NULL,
  embedding_model VARCHAR(128) NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE documents (
  kb_id        VARCHAR(64)  NOT NULL REFERENCES knowledge_bases (id),
  id           VARCHAR(256) NOT NULL,
  source       VARCHAR      NOT NULL,
  title        VARCHAR      NOT NULL,
  content_hash VARCHAR(64)  NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  error        VARCHAR,
  chunk_count  INTEGER      NOT NULL,
  acl_users    VARCHAR      NOT NULL, -- newline-separated
  acl_groups   VARCHAR      NOT NULL, -- newline-separated
  tags         VARCHAR      NOT NULL, -- newline-separated
  job_id       VARCHAR(64)  NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (kb_id, id)
);
CREATE INDEX documents_by_status ON documents (status);

CREATE TABLE jobs (
  id         VARCHAR(64) PRIMARY KEY,
  kb_id      VARCHAR(64) NOT NULL REFERENCES knowledge_bases (id),
  total      INTEGER     NOT NULL,
  succeeded  INTEGER     NOT NULL,
  skipped    INTEGER     NOT NULL,
  failed     INTEGER     NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE job_errors (
  job_id      VARCHAR(64)  NOT NULL REFERENCES jobs (id),
  seq         INTEGER      NOT NULL,
  document_id VARCHAR(256) NOT NULL,
  source      VARCHAR      NOT NULL,
  code        VARCHAR(64)  NOT NULL,
  message     VARCHAR      NOT NULL,
  PRIMARY KEY (job_id, seq)
);
