-- How each knowledge base ranks its search hits where it departs from the service's defaults
-- (issue 8). NULL: the service default applies, so existing knowledge bases keep their ranking.
ALTER TABLE knowledge_bases ADD COLUMN fusion VARCHAR(32);
ALTER TABLE knowledge_bases ADD COLUMN vector_weight DOUBLE PRECISION;
ALTER TABLE knowledge_bases ADD COLUMN rrf_k INTEGER;
ALTER TABLE knowledge_bases ADD COLUMN mmr_lambda DOUBLE PRECISION;
