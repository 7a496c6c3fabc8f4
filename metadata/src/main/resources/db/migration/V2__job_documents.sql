-- The outcome of each document of a job, so that recording an outcome is idempotent: at-least-once
-- delivery may report a document twice, and a replayed dead letter replaces its FAILED outcome.
CREATE TABLE job_documents (
  job_id      VARCHAR(64)  NOT NULL REFERENCES jobs (id),
  document_id VARCHAR(256) NOT NULL,
  outcome     VARCHAR(16)  NOT NULL,
  PRIMARY KEY (job_id, document_id)
);
