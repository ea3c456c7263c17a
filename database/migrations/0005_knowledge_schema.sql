-- 0005_knowledge_schema: documents and chunks in the shape ingestion and retrieval use.
-- documents gain v2's agent_owner/tags/category/priority (kept when v2 already added them) and
-- title, source_key (unique; null for v1 rows), content_hash, updated_at. Chunks gain section,
-- agent_owner (their document's, kept in step by triggers), embedding_model (v1 rows: text-embedding-3-small, also the default so v2-era writers stay
-- searchable) and content_tsv, a French unaccented full-text vector kept by a generated column.
-- v1's ivfflat index is replaced by HNSW (cosine). Idempotent.

ALTER TABLE documents ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_type text;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS upload_date timestamptz DEFAULT now();
ALTER TABLE documents ADD COLUMN IF NOT EXISTS uploaded_by text;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS agent_owner text DEFAULT 'shared';
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tags text[] DEFAULT '{}';
ALTER TABLE documents ADD COLUMN IF NOT EXISTS category text;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS priority integer DEFAULT 1;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS title text;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_key text;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS content_hash text;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now();
ALTER TABLE documents ALTER COLUMN agent_owner SET DEFAULT 'shared';
ALTER TABLE documents ALTER COLUMN tags SET DEFAULT '{}';
ALTER TABLE documents ALTER COLUMN priority SET DEFAULT 1;
UPDATE documents SET agent_owner = 'shared' WHERE agent_owner IS NULL;
UPDATE documents SET tags = '{}' WHERE tags IS NULL;
UPDATE documents SET priority = 1 WHERE priority IS NULL;

DO $migration$
BEGIN
  -- Same name as the constraint v2's `ADD COLUMN agent_owner text CHECK (...)` created.
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'documents'::regclass AND conname = 'documents_agent_owner_check') THEN
    ALTER TABLE documents ADD CONSTRAINT documents_agent_owner_check CHECK (agent_owner IN ('audrey', 'carole', 'shared'));
  END IF;
END
$migration$;
CREATE UNIQUE INDEX IF NOT EXISTS documents_source_key_key ON documents (source_key);

ALTER TABLE document_chunks ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS chunk_index integer DEFAULT 0;
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS section text;
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS embedding_model text DEFAULT 'text-embedding-3-small';
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
UPDATE document_chunks SET embedding_model = 'text-embedding-3-small' WHERE embedding_model IS NULL;
CREATE INDEX IF NOT EXISTS document_chunks_document_id_idx ON document_chunks (document_id, chunk_index);

-- Chunks carry their document's agent_owner, so a search filtered by agent stays on one table
-- and the planner can walk the HNSW index with the filter (a join to documents made it fall
-- back to exact scans). Kept in step by the triggers below; writers that set it pay nothing.
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS agent_owner text;
UPDATE document_chunks chunk
SET agent_owner = coalesce(document.agent_owner, 'shared')
FROM documents document
WHERE document.id = chunk.document_id AND chunk.agent_owner IS DISTINCT FROM coalesce(document.agent_owner, 'shared');

CREATE OR REPLACE FUNCTION document_chunks_fill_agent_owner() RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  SELECT coalesce(document.agent_owner, 'shared') INTO NEW.agent_owner FROM documents document WHERE document.id = NEW.document_id;
  RETURN NEW;
END
$function$;
DROP TRIGGER IF EXISTS document_chunks_fill_agent_owner ON document_chunks;
CREATE TRIGGER document_chunks_fill_agent_owner
  BEFORE INSERT ON document_chunks
  FOR EACH ROW WHEN (NEW.agent_owner IS NULL)
  EXECUTE FUNCTION document_chunks_fill_agent_owner();
DROP TRIGGER IF EXISTS document_chunks_follow_document ON document_chunks;
CREATE TRIGGER document_chunks_follow_document
  BEFORE UPDATE OF document_id ON document_chunks
  FOR EACH ROW WHEN (OLD.document_id IS DISTINCT FROM NEW.document_id)
  EXECUTE FUNCTION document_chunks_fill_agent_owner();

CREATE OR REPLACE FUNCTION documents_propagate_agent_owner() RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  UPDATE document_chunks SET agent_owner = coalesce(NEW.agent_owner, 'shared') WHERE document_id = NEW.id;
  RETURN NULL;
END
$function$;
DROP TRIGGER IF EXISTS documents_propagate_agent_owner ON documents;
CREATE TRIGGER documents_propagate_agent_owner
  AFTER UPDATE OF agent_owner ON documents
  FOR EACH ROW WHEN (OLD.agent_owner IS DISTINCT FROM NEW.agent_owner)
  EXECUTE FUNCTION documents_propagate_agent_owner();

-- French full-text search that ignores accents: "equipe" finds "équipe".
DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent' AND cfgnamespace = current_schema()::regnamespace) THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$migration$;

-- Section headings weigh more than body text.
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS content_tsv tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('french_unaccent'::regconfig, coalesce(section, '')), 'A')
    || setweight(to_tsvector('french_unaccent'::regconfig, coalesce(content, '')), 'B')
  ) STORED;
CREATE INDEX IF NOT EXISTS document_chunks_content_tsv_idx ON document_chunks USING gin (content_tsv);

-- HNSW replaces v1's ivfflat (ivfflat built on few rows recalls poorly and needs rebuilding).
DO $migration$
DECLARE
  ivfflat_index record;
BEGIN
  FOR ivfflat_index IN
    SELECT format('%I.%I', schemaname, indexname) AS qualified_name
    FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'document_chunks' AND indexdef ILIKE '%USING ivfflat%'
  LOOP
    EXECUTE format('DROP INDEX %s', ivfflat_index.qualified_name);
  END LOOP;
END
$migration$;
CREATE INDEX IF NOT EXISTS document_chunks_embedding_hnsw_idx ON document_chunks USING hnsw (embedding vector_cosine_ops);

-- The planner needs statistics to use the indexes for filtered queries (PGlite has no autovacuum).
ANALYZE documents;
ANALYZE document_chunks;
