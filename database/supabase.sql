-- GENERATED FILE: do not edit. Regenerate with `pnpm db:generate`
-- (services/cli/src/generate-supabase-sql-cli.ts) from database/migrations/*.sql.
--
-- Paste it whole into Supabase's SQL editor (or `psql -f database/supabase.sql`). It brings an
-- empty project, the v1 database, or v1 with the v2 migration run, to the current schema,
-- keeping every row, in one transaction. Running it again changes nothing.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- ==================== 0001_extensions ====================
-- 0001_extensions: pgvector (embeddings, HNSW) and unaccent (accent-insensitive French full-text search).
-- Idempotent: IF NOT EXISTS (on Supabase, extensions already enabled in the `extensions` schema are reused).
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS unaccent;
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0001', '0001_extensions', '5a5058f078e51c8bca47697a6550c104d9d4e9dfe84176ac07ff0468072f4b7c')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0002_base_tables ====================
-- 0002_base_tables: the five tables of the v1 schema, created only on an empty database.
-- On the agency's v1 database they already exist and are left as they are (IF NOT EXISTS);
-- later migrations bring both to the same shape. User and conversation ids are text here
-- (the API takes free strings of 1-128 characters); 0003 converts v1's uuid ids.
CREATE TABLE IF NOT EXISTS users (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  email text,
  name text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS conversations (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz DEFAULT now(),
  status text DEFAULT 'active'
);

CREATE TABLE IF NOT EXISTS messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  agent_type text CHECK (agent_type IN ('creation', 'automation')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filename text NOT NULL,
  file_type text,
  upload_date timestamptz DEFAULT now(),
  uploaded_by text
);

CREATE TABLE IF NOT EXISTS document_chunks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  content text NOT NULL,
  embedding vector(1536),
  chunk_index integer NOT NULL DEFAULT 0
);
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0002', '0002_base_tables', 'c349d450ee1c0e0197e4c9cc0e8b4000461192940b0710b93b9df5fd9d2016e8')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0003_text_ids ====================
-- 0003_text_ids: users.id, conversations.id, conversations.user_id and messages.conversation_id
-- become text (v1 declared them uuid; the API takes free strings such as `test-conv-1`).
-- uuid -> text is lossless. Every foreign key that references users or conversations is saved
-- (pg_get_constraintdef), dropped, and re-created with the same name and rules after the type
-- change; its referencing columns follow to text. Views over these columns (v2's
-- agent_analytics) block a type change: they are saved, dropped and re-created from their own
-- definition. Idempotent: does nothing once no such column is uuid.
DO $migration$
DECLARE
  target record;
  saved_foreign_keys text[] := ARRAY[]::text[];
  saved_views text[] := ARRAY[]::text[];
  referencing_tables regclass[] := ARRAY[]::regclass[];
  referencing_columns text[] := ARRAY[]::text[];
  index_position integer;
  statement text;
BEGIN
  IF NOT EXISTS (
    SELECT 1
    FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND data_type = 'uuid'
      AND (table_name, column_name) IN (
        ('users', 'id'), ('conversations', 'id'), ('conversations', 'user_id'), ('messages', 'conversation_id')
      )
  ) THEN
    RETURN;
  END IF;

  -- Views that read one of the converted tables, newest first (dependants are dropped before what they use).
  FOR target IN
    SELECT DISTINCT view_class.oid AS view_oid, view_class.relkind, format('%I.%I', view_namespace.nspname, view_class.relname) AS view_name
    FROM pg_depend dependency
    JOIN pg_rewrite rewrite ON rewrite.oid = dependency.objid
    JOIN pg_class view_class ON view_class.oid = rewrite.ev_class
    JOIN pg_namespace view_namespace ON view_namespace.oid = view_class.relnamespace
    WHERE dependency.classid = 'pg_rewrite'::regclass
      AND dependency.refclassid = 'pg_class'::regclass
      AND dependency.refobjid IN ('users'::regclass, 'conversations'::regclass, 'messages'::regclass)
      AND view_class.oid <> dependency.refobjid
      AND view_class.relkind IN ('v', 'm')
    ORDER BY view_class.oid DESC
  LOOP
    saved_views := array_prepend(
      format('CREATE %s %s AS %s', CASE target.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
             target.view_name, rtrim(pg_get_viewdef(target.view_oid), ';')),
      saved_views);
    EXECUTE format('DROP %s %s', CASE target.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, target.view_name);
  END LOOP;

  -- Foreign keys pointing at users or conversations.
  FOR target IN
    SELECT constraint_row.conname, constraint_row.conrelid, constraint_row.conkey,
           pg_get_constraintdef(constraint_row.oid) AS definition
    FROM pg_constraint constraint_row
    WHERE constraint_row.contype = 'f'
      AND constraint_row.confrelid IN ('users'::regclass, 'conversations'::regclass)
  LOOP
    saved_foreign_keys := saved_foreign_keys ||
      format('ALTER TABLE %s ADD CONSTRAINT %I %s', target.conrelid::regclass, target.conname, target.definition);
    SELECT referencing_tables || array_agg(target.conrelid::regclass), referencing_columns || array_agg(attribute.attname::text)
      INTO referencing_tables, referencing_columns
      FROM pg_attribute attribute
      WHERE attribute.attrelid = target.conrelid AND attribute.attnum = ANY (target.conkey);
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target.conrelid::regclass, target.conname);
  END LOOP;

  -- Primary keys first, then every uuid column that referenced them.
  IF (SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users' AND column_name = 'id') = 'uuid' THEN
    ALTER TABLE users ALTER COLUMN id DROP DEFAULT;
    ALTER TABLE users ALTER COLUMN id TYPE text USING id::text;
    ALTER TABLE users ALTER COLUMN id SET DEFAULT gen_random_uuid()::text;
  END IF;
  IF (SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'conversations' AND column_name = 'id') = 'uuid' THEN
    ALTER TABLE conversations ALTER COLUMN id DROP DEFAULT;
    ALTER TABLE conversations ALTER COLUMN id TYPE text USING id::text;
    ALTER TABLE conversations ALTER COLUMN id SET DEFAULT gen_random_uuid()::text;
  END IF;
  FOR target IN
    SELECT attribute.attrelid::regclass AS table_name, attribute.attname AS column_name
    FROM pg_attribute attribute
    WHERE attribute.atttypid = 'uuid'::regtype
      AND NOT attribute.attisdropped
      AND (
        (attribute.attrelid = 'conversations'::regclass AND attribute.attname = 'user_id')
        OR (attribute.attrelid = 'messages'::regclass AND attribute.attname = 'conversation_id')
      )
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE text USING %I::text', target.table_name, target.column_name, target.column_name);
  END LOOP;
  -- Columns of other tables that referenced users/conversations follow to text.
  FOR index_position IN 1 .. coalesce(array_length(referencing_tables, 1), 0) LOOP
    IF (SELECT atttypid FROM pg_attribute WHERE attrelid = referencing_tables[index_position] AND attname = referencing_columns[index_position]) = 'uuid'::regtype THEN
      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE text USING %I::text',
                     referencing_tables[index_position], referencing_columns[index_position], referencing_columns[index_position]);
    END IF;
  END LOOP;

  FOREACH statement IN ARRAY saved_foreign_keys LOOP
    EXECUTE statement;
  END LOOP;
  FOREACH statement IN ARRAY saved_views LOOP
    EXECUTE statement;
  END LOOP;
END
$migration$;
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0003', '0003_text_ids', '8e62d535284226d67b561e59e80305219ea8d269bb91be1ccb821b3e476b7918')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0004_chat_columns ====================
-- 0004_chat_columns: users, conversations and messages in the shape the chat backend writes.
-- Adds columns with ADD COLUMN IF NOT EXISTS (v2 may already have added some), relaxes v1
-- constraints the new writer cannot meet (users without email/name), backfills messages.agent
-- from v1's agent_type (automation -> audrey, creation -> carole) and the reverse, and keeps
-- both in step for every later writer (v1 included) with a trigger. Idempotent.

-- users: a chat from an unknown user id creates the row, with no email or name.
ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE users ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;

-- conversations: status stays free text (v1 writes 'active' and 'upsell_opportunity').
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS user_id text;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS last_message_at timestamptz DEFAULT now();
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS status text DEFAULT 'active';
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now();
ALTER TABLE conversations ALTER COLUMN status SET DEFAULT 'active';
ALTER TABLE conversations ALTER COLUMN updated_at SET DEFAULT now();
UPDATE conversations SET updated_at = coalesce(last_message_at, created_at, now()) WHERE updated_at IS NULL;
CREATE INDEX IF NOT EXISTS conversations_user_id_idx ON conversations (user_id);

-- messages
ALTER TABLE messages ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE messages ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
ALTER TABLE messages ADD COLUMN IF NOT EXISTS agent text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS agent_type text;
ALTER TABLE messages ALTER COLUMN agent_type DROP NOT NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS job_id text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS latency_ms integer;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS prompt_tokens integer;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS completion_tokens integer;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS cost_usd numeric(12, 6);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS model text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS confidence double precision;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS routing_method text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS escalated boolean;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS sources jsonb;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS timings jsonb;

DO $migration$
BEGIN
  -- Same name as the constraint v2's `ADD COLUMN agent text CHECK (...)` created.
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'messages'::regclass AND conname = 'messages_agent_check') THEN
    ALTER TABLE messages ADD CONSTRAINT messages_agent_check CHECK (agent IN ('audrey', 'carole', 'escalate'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'messages'::regclass AND conname = 'messages_role_check') THEN
    ALTER TABLE messages ADD CONSTRAINT messages_role_check CHECK (role IN ('user', 'assistant'));
  END IF;
END
$migration$;

-- v1 assistant rows: agent from agent_type; rows written with agent only: agent_type from agent.
UPDATE messages
SET agent = CASE agent_type WHEN 'automation' THEN 'audrey' WHEN 'creation' THEN 'carole' END
WHERE role = 'assistant' AND agent IS NULL AND agent_type IN ('automation', 'creation');
UPDATE messages
SET agent_type = CASE agent WHEN 'audrey' THEN 'automation' WHEN 'carole' THEN 'creation' END
WHERE role = 'assistant' AND agent_type IS NULL AND agent IN ('audrey', 'carole');

-- Keeps agent and agent_type in step on assistant rows written with only one of them (v1 writes
-- agent_type only). The WHEN clause is evaluated without calling the function, so writers that
-- set both (the chat backend) pay nothing: PL/pgSQL per row halves insert throughput on PGlite.
CREATE OR REPLACE FUNCTION messages_sync_agent_columns() RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  IF NEW.role = 'assistant' THEN
    IF NEW.agent_type IS NULL AND NEW.agent IN ('audrey', 'carole') THEN
      NEW.agent_type := CASE NEW.agent WHEN 'audrey' THEN 'automation' ELSE 'creation' END;
    ELSIF NEW.agent IS NULL AND NEW.agent_type IN ('automation', 'creation') THEN
      NEW.agent := CASE NEW.agent_type WHEN 'automation' THEN 'audrey' ELSE 'carole' END;
    END IF;
  END IF;
  RETURN NEW;
END
$function$;
DROP TRIGGER IF EXISTS messages_sync_agent_columns ON messages;
CREATE TRIGGER messages_sync_agent_columns
  BEFORE INSERT OR UPDATE OF agent, agent_type ON messages
  FOR EACH ROW
  WHEN (NEW.role = 'assistant' AND (
    (NEW.agent IS NULL AND NEW.agent_type IN ('automation', 'creation'))
    OR (NEW.agent_type IS NULL AND NEW.agent IN ('audrey', 'carole'))
  ))
  EXECUTE FUNCTION messages_sync_agent_columns();

-- The effectively-once key: one user row and one assistant row per chat job.
CREATE UNIQUE INDEX IF NOT EXISTS messages_job_id_role_key ON messages (job_id, role) WHERE job_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_conversation_id_created_at_idx ON messages (conversation_id, created_at);
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0004', '0004_chat_columns', 'd1a3690680e286076f9b515053370f0d74270bc8800ff2d3957d8cc190f6b949')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0005_knowledge_schema ====================
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
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0005', '0005_knowledge_schema', '479fb77d88be6b44f64ccee0f333f45864fe948cd1e252cdb946362b29b351d0')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0006_functions ====================
-- 0006_functions: the SQL functions v2 defined, over the migrated schema.
-- CREATE OR REPLACE cannot change a function's result type, and v2's versions compare text with
-- uuid ids, so every existing overload of these names is dropped first, then re-created.
-- Idempotent (drop + create gives the same functions on every run).
DO $migration$
DECLARE
  existing_function record;
BEGIN
  FOR existing_function IN
    SELECT procedure.oid::regprocedure AS signature
    FROM pg_proc procedure
    WHERE procedure.pronamespace = current_schema()::regnamespace
      AND procedure.proname IN ('match_documents_audrey', 'match_documents_carole', 'match_documents_for_agent',
                                'check_rate_limit', 'tag_documents_by_keywords')
  LOOP
    EXECUTE format('DROP FUNCTION %s', existing_function.signature);
  END LOOP;
END
$migration$;

-- Chunks of documents owned by `agent_filter` or shared, cosine similarity >= match_threshold, best first.
-- A zero vector's cosine distance is NaN (which Postgres ranks above every number): never matched.
CREATE FUNCTION match_documents_for_agent(
  query_embedding vector(1536),
  match_threshold double precision,
  match_count integer,
  agent_filter text
)
RETURNS TABLE (id uuid, content text, similarity double precision, filename text, agent_owner text)
LANGUAGE sql STABLE
AS $function$
  SELECT chunk.id,
         chunk.content,
         1 - (chunk.embedding <=> query_embedding) AS similarity,
         document.filename,
         chunk.agent_owner
  FROM document_chunks chunk
  JOIN documents document ON document.id = chunk.document_id
  WHERE chunk.embedding IS NOT NULL
    AND chunk.agent_owner IN (agent_filter, 'shared')
    AND (chunk.embedding <=> query_embedding) <> 'NaN'::float8
    AND 1 - (chunk.embedding <=> query_embedding) >= match_threshold
  ORDER BY chunk.embedding <=> query_embedding, chunk.id
  LIMIT match_count
$function$;

-- v2's signatures and result type: (query_embedding, match_threshold = 0.7, match_count = 20, agent_filter).
CREATE FUNCTION match_documents_audrey(
  query_embedding vector(1536),
  match_threshold double precision DEFAULT 0.7,
  match_count integer DEFAULT 20,
  agent_filter text DEFAULT 'audrey'
)
RETURNS TABLE (id uuid, content text, similarity double precision, filename text, agent_owner text)
LANGUAGE sql STABLE
AS $function$
  SELECT * FROM match_documents_for_agent(query_embedding, match_threshold, match_count, coalesce(agent_filter, 'audrey'))
$function$;

CREATE FUNCTION match_documents_carole(
  query_embedding vector(1536),
  match_threshold double precision DEFAULT 0.7,
  match_count integer DEFAULT 20,
  agent_filter text DEFAULT 'carole'
)
RETURNS TABLE (id uuid, content text, similarity double precision, filename text, agent_owner text)
LANGUAGE sql STABLE
AS $function$
  SELECT * FROM match_documents_for_agent(query_embedding, match_threshold, match_count, coalesce(agent_filter, 'carole'))
$function$;

-- Visitor (role 'user') messages of the conversation in the last p_window_seconds:
-- allowed while fewer than p_max_messages; remaining = how many more fit in the window.
CREATE FUNCTION check_rate_limit(
  p_conversation_id text,
  p_max_messages integer DEFAULT 10,
  p_window_seconds integer DEFAULT 60
)
RETURNS TABLE (allowed boolean, remaining integer)
LANGUAGE sql STABLE
AS $function$
  SELECT count(*) < p_max_messages,
         greatest(p_max_messages - count(*), 0)::integer
  FROM messages message
  WHERE message.conversation_id = p_conversation_id
    AND message.role = 'user'
    AND message.created_at > now() - make_interval(secs => p_window_seconds)
$function$;

-- Tags the untagged documents that match any keyword and gives them to p_agent_owner.
-- "Untagged" = no owner yet (agent_owner null or 'shared') and no tags (null or empty).
-- A keyword is an ILIKE pattern; one without % or _ matches anywhere ('kajabi' = '%kajabi%').
-- A document matches when its filename, title or any of its chunks matches. Matched documents
-- get agent_owner = p_agent_owner and tags = the keywords that matched (without % and _).
-- Returns the number of documents tagged.
CREATE FUNCTION tag_documents_by_keywords(p_agent_owner text, p_keywords text[])
RETURNS integer
LANGUAGE plpgsql VOLATILE
AS $function$
DECLARE
  tagged_count integer;
BEGIN
  IF p_agent_owner IS NULL OR p_agent_owner NOT IN ('audrey', 'carole', 'shared') THEN
    RAISE EXCEPTION 'tag_documents_by_keywords: agent owner must be audrey, carole or shared, not %', p_agent_owner
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  WITH patterns AS (
    SELECT keyword,
           CASE WHEN keyword ~ '[%_]' THEN keyword ELSE '%' || keyword || '%' END AS pattern
    FROM unnest(coalesce(p_keywords, ARRAY[]::text[])) AS keyword
    WHERE nullif(trim(keyword), '') IS NOT NULL
  ),
  matches AS (
    SELECT document.id AS document_id,
           array_agg(DISTINCT lower(trim(regexp_replace(patterns.keyword, '[%_]+', ' ', 'g')))) AS matched_keywords
    FROM documents document
    JOIN patterns ON document.filename ILIKE patterns.pattern
                  OR document.title ILIKE patterns.pattern
                  OR EXISTS (
                       SELECT 1 FROM document_chunks chunk
                       WHERE chunk.document_id = document.id AND chunk.content ILIKE patterns.pattern
                     )
    WHERE coalesce(document.agent_owner, 'shared') = 'shared'
      AND coalesce(cardinality(document.tags), 0) = 0
    GROUP BY document.id
  ),
  tagged AS (
    UPDATE documents document
    SET agent_owner = p_agent_owner,
        tags = matches.matched_keywords,
        updated_at = now()
    FROM matches
    WHERE document.id = matches.document_id
    RETURNING document.id
  )
  SELECT count(*) INTO tagged_count FROM tagged;
  RETURN tagged_count;
END
$function$;
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0006', '0006_functions', 'eb6c693c26f27a7ef3d54775e30bcbae6dfc89683f3ba70b3240d6266c5282b3')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0007_agent_analytics_view ====================
-- 0007_agent_analytics_view: per agent and per day, what the assistants answered.
-- Replaces v2's view of the same name (dropped first: CREATE OR REPLACE VIEW cannot change columns).
-- Response time: latency_ms when recorded, else the time since the visitor's message before it.
DROP VIEW IF EXISTS agent_analytics;
CREATE VIEW agent_analytics AS
SELECT assistant.agent,
       date_trunc('day', assistant.created_at) AS day,
       count(*) AS message_count,
       count(DISTINCT assistant.conversation_id) AS conversation_count,
       count(*) FILTER (WHERE assistant.escalated OR assistant.agent = 'escalate') AS escalated_count,
       avg(coalesce(assistant.latency_ms::double precision,
                    extract(epoch FROM assistant.created_at - visitor.created_at) * 1000)) AS avg_response_ms,
       sum(coalesce(assistant.prompt_tokens, 0)) AS prompt_tokens,
       sum(coalesce(assistant.completion_tokens, 0)) AS completion_tokens,
       sum(coalesce(assistant.cost_usd, 0)) AS cost_usd
FROM messages assistant
LEFT JOIN LATERAL (
  SELECT previous.created_at
  FROM messages previous
  WHERE previous.conversation_id = assistant.conversation_id
    AND previous.role = 'user'
    AND previous.created_at <= assistant.created_at
  ORDER BY previous.created_at DESC
  LIMIT 1
) visitor ON true
WHERE assistant.role = 'assistant'
  AND assistant.agent IS NOT NULL
GROUP BY assistant.agent, date_trunc('day', assistant.created_at);
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0007', '0007_agent_analytics_view', '342079c9cfd2b6f4ec9fcbaac9dd5053471e8c18596208545ef788d1f9870424')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0008_escalations ====================
-- 0008_escalations: conversations handed over to a person (refunds, complaints, "I want to talk to
-- someone", account access, personal data, out of scope). One row per chat job (job_id unique): a
-- re-run of the same job never opens a second case. Delivered to ESCALATION_WEBHOOK_URL by the
-- `escalations` queue; status open -> delivered (webhook accepted it) -> closed (handled by a person).
-- conversation_id/user_id are the API's free-text ids, without foreign keys: the case is written
-- before the exchange (so a crash between the two cannot lose it). Idempotent.

CREATE TABLE IF NOT EXISTS escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id text NOT NULL,
  job_id text NOT NULL,
  user_id text NOT NULL,
  category text NOT NULL DEFAULT 'other',
  reason text NOT NULL DEFAULT '',
  message_excerpt text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open',
  delivery_attempts integer NOT NULL DEFAULT 0,
  last_delivery_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  closed_at timestamptz
);

DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'escalations'::regclass AND conname = 'escalations_status_check') THEN
    ALTER TABLE escalations ADD CONSTRAINT escalations_status_check CHECK (status IN ('open', 'delivered', 'closed'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'escalations'::regclass AND conname = 'escalations_category_check') THEN
    ALTER TABLE escalations ADD CONSTRAINT escalations_category_check
      CHECK (category IN ('human', 'billing', 'complaint', 'account', 'personal_data', 'legal', 'out_of_scope', 'other'));
  END IF;
END
$migration$;

CREATE UNIQUE INDEX IF NOT EXISTS escalations_job_id_key ON escalations (job_id);
CREATE INDEX IF NOT EXISTS escalations_status_created_at_idx ON escalations (status, created_at);
CREATE INDEX IF NOT EXISTS escalations_conversation_id_idx ON escalations (conversation_id);
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0008', '0008_escalations', 'bbb7f5a7f22fe3fb3ee895d044358a1a578e73c702da039badf3f3e0d04ef9eb')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0009_conversation_handover ====================
-- 0009_conversation_handover: a person takes over a conversation.
--
-- conversations.handover_state: 'ai' (the agents answer, default) -> 'waiting_human' (escalated)
-- -> 'human' (an operator joined) -> back to 'ai' (handed back) or 'closed'. v1's `status` column is
-- left alone (v1 writes 'active' / 'upsell_opportunity' there). handover_version counts transitions:
-- a delayed job (the "nobody joined yet" notice) acts only if the version it saw is still current.
--
-- Human replies are `messages` rows like the agents' (role 'assistant', agent 'escalate', the
-- person's side of the existing check), with author 'human' and the operator's display name: the
-- seed's analytics (messages per agent, average response time per agent, agent_analytics) count
-- them under 'escalate' with no change. author 'system' marks the fixed notices of the hand-over.
--
-- Every state change and human write goes through one of the functions below, so the pg and the
-- Supabase REST (rpc) stores share one atomic implementation. Idempotent.

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_state text NOT NULL DEFAULT 'ai';
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_version integer NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS handover_changed_at timestamptz;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS waiting_since timestamptz;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS operator_name text;

ALTER TABLE messages ADD COLUMN IF NOT EXISTS author text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS operator_name text;

DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'conversations'::regclass AND conname = 'conversations_handover_state_check') THEN
    ALTER TABLE conversations ADD CONSTRAINT conversations_handover_state_check
      CHECK (handover_state IN ('ai', 'waiting_human', 'human', 'closed'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'messages'::regclass AND conname = 'messages_author_check') THEN
    ALTER TABLE messages ADD CONSTRAINT messages_author_check CHECK (author IN ('human', 'system'));
  END IF;
END
$migration$;

CREATE INDEX IF NOT EXISTS conversations_handover_state_idx
  ON conversations (handover_state, waiting_since) WHERE handover_state <> 'ai';

-- Drop every overload first: CREATE OR REPLACE cannot change a result type.
DO $migration$
DECLARE
  existing_function record;
BEGIN
  FOR existing_function IN
    SELECT procedure.oid::regprocedure AS signature
    FROM pg_proc procedure
    WHERE procedure.pronamespace = current_schema()::regnamespace
      AND procedure.proname IN ('handover_transition', 'handover_operator_message', 'handover_hold_visitor_message',
                                'handover_system_notice', 'handover_conversations')
  LOOP
    EXECUTE format('DROP FUNCTION %s', existing_function.signature);
  END LOOP;
END
$migration$;

-- Moves conversation p_conversation_id to p_to when its state is one of p_from. With p_user_id the
-- conversation (and its user) is created first when missing (an escalation of a first message).
-- Closing also closes the conversation's escalation cases. Returns the conversation after the call
-- with `transitioned` (false: the state was not in p_from, nothing changed); no row: no such
-- conversation.
CREATE FUNCTION handover_transition(
  p_conversation_id text,
  p_from text[],
  p_to text,
  p_operator_name text DEFAULT NULL,
  p_user_id text DEFAULT NULL
)
RETURNS TABLE (conversation_id text, state text, version integer, operator_name text, changed_at timestamptz,
               waiting_since timestamptz, previous_state text, transitioned boolean)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
BEGIN
  IF p_user_id IS NOT NULL THEN
    INSERT INTO users (id) VALUES (p_user_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO conversations (id, user_id, status) VALUES (p_conversation_id, p_user_id, 'active') ON CONFLICT (id) DO NOTHING;
  END IF;
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF NOT (current_row.handover_state = ANY (p_from)) THEN
    RETURN QUERY SELECT current_row.id, current_row.handover_state, current_row.handover_version, current_row.operator_name,
                        current_row.handover_changed_at, current_row.waiting_since, current_row.handover_state, false;
    RETURN;
  END IF;
  UPDATE conversations
  SET handover_state = p_to,
      handover_version = current_row.handover_version + 1,
      handover_changed_at = clock_timestamp(),
      updated_at = now(),
      waiting_since = CASE p_to WHEN 'waiting_human' THEN clock_timestamp() WHEN 'human' THEN current_row.waiting_since ELSE NULL END,
      operator_name = CASE p_to WHEN 'human' THEN p_operator_name WHEN 'closed' THEN coalesce(p_operator_name, current_row.operator_name) ELSE NULL END
  WHERE id = p_conversation_id;
  IF p_to = 'closed' THEN
    UPDATE escalations SET status = 'closed', closed_at = now(), updated_at = now()
    WHERE escalations.conversation_id = p_conversation_id AND escalations.status <> 'closed';
  END IF;
  RETURN QUERY SELECT c.id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
                      current_row.handover_state, true
               FROM conversations c WHERE c.id = p_conversation_id;
END
$function$;

-- An operator's reply, stored only while the conversation is 'human' (the row lock orders it
-- against a concurrent hand-back or close), signed p_operator_name, else the name of the person who
-- joined, else p_fallback_name. Returns the state, and the message when stored (message_id null:
-- refused, the state says why); no row: no such conversation.
CREATE FUNCTION handover_operator_message(p_conversation_id text, p_operator_name text, p_content text, p_fallback_name text DEFAULT NULL)
RETURNS TABLE (state text, message_id uuid, created_at timestamptz, operator_name text)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
  stored messages%ROWTYPE;
BEGIN
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF current_row.handover_state <> 'human' THEN
    RETURN QUERY SELECT current_row.handover_state, NULL::uuid, NULL::timestamptz, NULL::text;
    RETURN;
  END IF;
  INSERT INTO messages (conversation_id, role, content, agent, escalated, author, operator_name, routing_method, model, created_at)
  VALUES (p_conversation_id, 'assistant', p_content, 'escalate', true, 'human',
          coalesce(p_operator_name, current_row.operator_name, p_fallback_name, 'Équipe'), 'human', 'human', clock_timestamp())
  RETURNING * INTO stored;
  UPDATE conversations SET last_message_at = stored.created_at, updated_at = now() WHERE id = p_conversation_id;
  RETURN QUERY SELECT current_row.handover_state, stored.id, stored.created_at, stored.operator_name;
END
$function$;

-- A visitor's message of chat job p_job_id, stored without any answer when a person holds the
-- conversation ('waiting_human' or 'human'), or when this job was already stored that way (a
-- re-run). A 'closed' conversation is reopened to 'ai' (reopened = true) and the agents answer.
-- Returns held = false when the agents must answer (also when the job was already answered by
-- them: a re-run returns the stored reply).
CREATE FUNCTION handover_hold_visitor_message(
  p_conversation_id text,
  p_user_id text,
  p_job_id text,
  p_content text,
  p_sent_at timestamptz
)
RETURNS TABLE (held boolean, state text, version integer, message_id uuid, created_at timestamptz, created boolean, reopened boolean)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  current_row conversations%ROWTYPE;
  existing messages%ROWTYPE;
  stored messages%ROWTYPE;
BEGIN
  SELECT * INTO current_row FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, 'ai'::text, 0, NULL::uuid, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  -- Already answered (a re-run after a crash): the agents' pipeline returns the stored reply.
  IF EXISTS (SELECT 1 FROM messages m WHERE m.job_id = p_job_id AND m.role = 'assistant') THEN
    RETURN QUERY SELECT false, current_row.handover_state, current_row.handover_version, NULL::uuid, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  SELECT * INTO existing FROM messages m WHERE m.job_id = p_job_id AND m.role = 'user';
  IF FOUND THEN
    RETURN QUERY SELECT true, current_row.handover_state, current_row.handover_version, existing.id, existing.created_at, false, false;
    RETURN;
  END IF;
  IF current_row.handover_state = 'closed' THEN
    UPDATE conversations
    SET handover_state = 'ai', handover_version = current_row.handover_version + 1, handover_changed_at = clock_timestamp(),
        operator_name = NULL, waiting_since = NULL, updated_at = now()
    WHERE id = p_conversation_id;
    RETURN QUERY SELECT false, 'ai'::text, current_row.handover_version + 1, NULL::uuid, NULL::timestamptz, false, true;
    RETURN;
  END IF;
  IF current_row.handover_state NOT IN ('waiting_human', 'human') THEN
    RETURN QUERY SELECT false, current_row.handover_state, current_row.handover_version, NULL::uuid, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  INSERT INTO users (id) VALUES (p_user_id) ON CONFLICT (id) DO NOTHING;
  INSERT INTO messages (conversation_id, role, content, job_id, created_at)
  VALUES (p_conversation_id, 'user', p_content, p_job_id, p_sent_at)
  RETURNING * INTO stored;
  UPDATE conversations SET last_message_at = greatest(last_message_at, p_sent_at), updated_at = now() WHERE id = p_conversation_id;
  RETURN QUERY SELECT true, current_row.handover_state, current_row.handover_version, stored.id, stored.created_at, true, false;
END
$function$;

-- A fixed notice of the hand-over (author 'system', agent 'escalate'), stored once per p_key and
-- only while the conversation is still in p_state at version p_version. Returns the message when
-- stored now; no row otherwise.
CREATE FUNCTION handover_system_notice(p_conversation_id text, p_state text, p_version integer, p_key text, p_content text)
RETURNS TABLE (message_id uuid, created_at timestamptz)
LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  stored messages%ROWTYPE;
BEGIN
  PERFORM 1 FROM conversations
  WHERE id = p_conversation_id AND handover_state = p_state AND handover_version = p_version
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO messages (conversation_id, role, content, agent, escalated, author, job_id, routing_method, model, created_at)
  VALUES (p_conversation_id, 'assistant', p_content, 'escalate', true, 'system', p_key, 'human', 'handover-notice', clock_timestamp())
  ON CONFLICT (job_id, role) WHERE job_id IS NOT NULL DO NOTHING
  RETURNING * INTO stored;
  IF stored.id IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT stored.id, stored.created_at;
END
$function$;

-- Conversations for the operators' inbox: those in one of p_states (or the one p_conversation_id),
-- waiting ones first (longest wait first), then the most recently changed; with the category of the
-- latest escalation case and the last message.
CREATE FUNCTION handover_conversations(p_states text[], p_limit integer DEFAULT 100, p_conversation_id text DEFAULT NULL)
RETURNS TABLE (conversation_id text, user_id text, state text, version integer, operator_name text, changed_at timestamptz,
               waiting_since timestamptz, last_message_at timestamptz, created_at timestamptz, escalation_id uuid,
               escalation_category text, escalation_status text, last_message text, last_message_role text)
LANGUAGE sql STABLE
AS $function$
  SELECT c.id, c.user_id, c.handover_state, c.handover_version, c.operator_name, c.handover_changed_at, c.waiting_since,
         c.last_message_at, c.created_at, e.id, e.category, e.status, m.content, m.role
  FROM conversations c
  LEFT JOIN LATERAL (
    SELECT id, category, status FROM escalations WHERE escalations.conversation_id = c.id ORDER BY created_at DESC LIMIT 1
  ) e ON true
  LEFT JOIN LATERAL (
    SELECT content, role FROM messages WHERE messages.conversation_id = c.id ORDER BY created_at DESC LIMIT 1
  ) m ON true
  WHERE (p_conversation_id IS NULL OR c.id = p_conversation_id)
    AND (p_states IS NULL OR c.handover_state = ANY (p_states))
  ORDER BY (c.handover_state = 'waiting_human') DESC, c.waiting_since ASC NULLS LAST, c.handover_changed_at DESC NULLS LAST, c.id
  LIMIT greatest(1, least(coalesce(p_limit, 100), 500));
$function$;
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0009', '0009_conversation_handover', 'fcb0d3d080baa9437cf28c0701a47c78eccf7743bf0058539e233eb9c6add938')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0011_owner_dashboard_stats ====================
-- 0011_owner_dashboard_stats: what the owner's dashboard (GET /admin/stats) reads, in SQL shared by
-- the Postgres and the Supabase (RPC) modes.
--
-- - Indexes for range scans of a year of messages: answers and visitor messages by time (covering
--   the columns the stats read, so a range is an index-only scan once vacuumed), escalation cases by time.
-- - Two small tables, one row per UTC day, for the counters Redis only keeps for 8 days: provider
--   cost and calls per day (the daily budget's spend hash) and failed jobs and HTTP 5xx per day.
--   The API copies Redis into them (admin_record_daily_counters); values only grow (greatest), so a
--   copy after Redis trimmed old failed jobs never lowers a day.
-- - One set-returning SQL function per stats query (inlined by the planner, so EXPLAIN SELECT * FROM
--   admin_stats_answers(...) shows the index used), and admin_stats(range_start, range_end), one jsonb
--   document of them all: one round trip, called by RPC on Supabase.
-- Days are UTC dates. Idempotent (IF NOT EXISTS, CREATE OR REPLACE).

CREATE INDEX IF NOT EXISTS messages_role_created_at_idx
  ON messages (role, created_at) INCLUDE (agent, escalated, latency_ms, conversation_id);
CREATE INDEX IF NOT EXISTS escalations_created_at_idx ON escalations (created_at);

CREATE TABLE IF NOT EXISTS provider_daily_costs (
  day date NOT NULL,
  provider text NOT NULL,
  cost_usd numeric(18, 9) NOT NULL DEFAULT 0,
  calls integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, provider)
);

CREATE TABLE IF NOT EXISTS operation_daily_counts (
  day date PRIMARY KEY,
  failed_jobs integer NOT NULL DEFAULT 0,
  http_5xx integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Answers (assistant rows) in [range_start, range_end): per (day, agent), per day, per agent and in
-- all (per_day / per_agent say which grouping a row is). Answer time is latency_ms: from the
-- visitor's message reaching the API to the stored answer; rows without it (v1) are not sampled.
CREATE OR REPLACE FUNCTION admin_stats_answers(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (
  day date, agent text, per_day boolean, per_agent boolean, answers bigint, escalated bigint,
  answer_time_samples bigint, answer_time_p50_ms double precision, answer_time_p95_ms double precision
)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE 'UTC')::date AS day,
         coalesce(message.agent, 'unknown') AS agent,
         grouping((message.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         grouping(coalesce(message.agent, 'unknown')) = 0 AS per_agent,
         count(*) AS answers,
         count(*) FILTER (WHERE message.escalated OR message.agent = 'escalate') AS escalated,
         count(message.latency_ms) AS answer_time_samples,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY message.latency_ms) AS answer_time_p50_ms,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY message.latency_ms) AS answer_time_p95_ms
  FROM messages message
  WHERE message.role = 'assistant' AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (
    ((message.created_at AT TIME ZONE 'UTC')::date, coalesce(message.agent, 'unknown')),
    ((message.created_at AT TIME ZONE 'UTC')::date),
    (coalesce(message.agent, 'unknown')),
    ()
  )
$function$;

-- Visitor messages (user rows) and distinct conversations that wrote in [range_start, range_end),
-- per day and in all (per_day says which).
CREATE OR REPLACE FUNCTION admin_stats_visitor_messages(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (day date, per_day boolean, visitor_messages bigint, conversations bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (message.created_at AT TIME ZONE 'UTC')::date AS day,
         grouping((message.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         count(*) AS visitor_messages,
         count(DISTINCT message.conversation_id) AS conversations
  FROM messages message
  WHERE message.role = 'user' AND message.created_at >= range_start AND message.created_at < range_end
  GROUP BY GROUPING SETS (((message.created_at AT TIME ZONE 'UTC')::date), ())
$function$;

-- Escalation cases opened (handed over to a person) in [range_start, range_end), per day and in all.
CREATE OR REPLACE FUNCTION admin_stats_escalation_cases(range_start timestamptz, range_end timestamptz)
RETURNS TABLE (day date, per_day boolean, cases bigint)
LANGUAGE sql STABLE
AS $function$
  SELECT (escalation.created_at AT TIME ZONE 'UTC')::date AS day,
         grouping((escalation.created_at AT TIME ZONE 'UTC')::date) = 0 AS per_day,
         count(*) AS cases
  FROM escalations escalation
  WHERE escalation.created_at >= range_start AND escalation.created_at < range_end
  GROUP BY GROUPING SETS (((escalation.created_at AT TIME ZONE 'UTC')::date), ())
$function$;

CREATE OR REPLACE FUNCTION admin_stats_provider_costs(first_day date, last_day date)
RETURNS TABLE (day date, provider text, cost_usd numeric, calls integer)
LANGUAGE sql STABLE
AS $function$
  SELECT cost.day, cost.provider, cost.cost_usd, cost.calls
  FROM provider_daily_costs cost
  WHERE cost.day >= first_day AND cost.day <= last_day
$function$;

CREATE OR REPLACE FUNCTION admin_stats_operation_counts(first_day date, last_day date)
RETURNS TABLE (day date, failed_jobs integer, http_5xx integer)
LANGUAGE sql STABLE
AS $function$
  SELECT counts.day, counts.failed_jobs, counts.http_5xx
  FROM operation_daily_counts counts
  WHERE counts.day >= first_day AND counts.day <= last_day
$function$;

-- Every stats query in one jsonb document: {answers, visitor_messages, escalation_cases,
-- provider_costs, operation_counts}, each an array of the rows of its function above. The daily
-- counters cover the UTC days the range touches.
CREATE OR REPLACE FUNCTION admin_stats(range_start timestamptz, range_end timestamptz)
RETURNS jsonb
LANGUAGE sql STABLE
AS $function$
  SELECT jsonb_build_object(
    'answers', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_answers(range_start, range_end) row_data),
    'visitor_messages', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_visitor_messages(range_start, range_end) row_data),
    'escalation_cases', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb) FROM admin_stats_escalation_cases(range_start, range_end) row_data),
    'provider_costs', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                       FROM admin_stats_provider_costs((range_start AT TIME ZONE 'UTC')::date, (range_end AT TIME ZONE 'UTC')::date) row_data),
    'operation_counts', (SELECT coalesce(jsonb_agg(to_jsonb(row_data)), '[]'::jsonb)
                         FROM admin_stats_operation_counts((range_start AT TIME ZONE 'UTC')::date, (range_end AT TIME ZONE 'UTC')::date) row_data)
  )
$function$;

-- Records the Redis day counters: provider_costs is a JSON array of {day, provider, cost_usd, calls},
-- operation_counts of {day, failed_jobs, http_5xx}. A stored value is only ever raised.
CREATE OR REPLACE FUNCTION admin_record_daily_counters(provider_costs jsonb, operation_counts jsonb)
RETURNS void
LANGUAGE sql VOLATILE
AS $function$
  INSERT INTO provider_daily_costs AS stored (day, provider, cost_usd, calls, updated_at)
  SELECT item.day, item.provider, item.cost_usd, item.calls, now()
  FROM jsonb_to_recordset(coalesce(provider_costs, '[]'::jsonb)) AS item(day date, provider text, cost_usd numeric, calls integer)
  WHERE item.day IS NOT NULL AND item.provider IS NOT NULL
  ON CONFLICT (day, provider) DO UPDATE
    SET cost_usd = greatest(stored.cost_usd, EXCLUDED.cost_usd),
        calls = greatest(stored.calls, EXCLUDED.calls),
        updated_at = now();
  INSERT INTO operation_daily_counts AS stored (day, failed_jobs, http_5xx, updated_at)
  SELECT item.day, coalesce(item.failed_jobs, 0), coalesce(item.http_5xx, 0), now()
  FROM jsonb_to_recordset(coalesce(operation_counts, '[]'::jsonb)) AS item(day date, failed_jobs integer, http_5xx integer)
  WHERE item.day IS NOT NULL
  ON CONFLICT (day) DO UPDATE
    SET failed_jobs = greatest(stored.failed_jobs, EXCLUDED.failed_jobs),
        http_5xx = greatest(stored.http_5xx, EXCLUDED.http_5xx),
        updated_at = now();
$function$;
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0011', '0011_owner_dashboard_stats', '765fd008a09f1c42aa5409670357eba95d84775c097f3688c88446e29f304334')
  ON CONFLICT (version) DO NOTHING;

-- ==================== 0012_hybrid_search_functions ====================
-- 0012_hybrid_search_functions: what Supabase mode calls over REST (PostgREST runs each RPC in
-- one transaction), so that it searches and writes like the direct Postgres connection does.
--
-- hybrid_search_chunks(...): the hybrid retrieval statement (vector + French full text, fused by
--   reciprocal rank fusion, the other agent's documents weighted by other_agent_weight instead of
--   excluded). Its body is the text of `hybridSearchSql` (packages/core/src/retrieval/
--   hybrid-search-sql.ts), parameters in the same order; a test keeps the two identical.
--   Returns one row per chunk, best first.
-- replace_document_chunks(document): upserts a document (on source_key) and replaces its chunks
--   in one transaction: a failure leaves the previous version whole. `document` is a JSON object
--   (source_key, title, file_type, agent_owner, tags, category, priority, content_hash, chunks),
--   `chunks` an array of {chunk_index, section, content, embedding (pgvector text),
--   embedding_model}. Returns the document id and whether it was created.
--
-- match_documents_audrey / _carole (0006) are unchanged: whatever calls them keeps working.
-- Idempotent: every overload of these names is dropped, then re-created.
DO $migration$
DECLARE
  existing_function record;
BEGIN
  FOR existing_function IN
    SELECT procedure.oid::regprocedure AS signature
    FROM pg_proc procedure
    WHERE procedure.pronamespace = current_schema()::regnamespace
      AND procedure.proname IN ('hybrid_search_chunks', 'replace_document_chunks')
  LOOP
    EXECUTE format('DROP FUNCTION %s', existing_function.signature);
  END LOOP;
END
$migration$;

CREATE FUNCTION hybrid_search_chunks(
  query_embedding vector(1536),
  embedding_model text,
  agent text,
  vector_candidates integer,
  min_similarity double precision,
  query_words text[],
  text_candidates integer,
  rrf_k double precision,
  vector_weight double precision,
  text_weight double precision,
  result_count integer,
  other_agent_weight double precision
)
RETURNS TABLE (
  chunk_id uuid, document_id uuid, title text, section text, content text, agent_owner text,
  score double precision, similarity double precision, vector_rank bigint, text_score real, text_rank bigint
)
LANGUAGE sql STABLE
AS $function$
WITH scoped_documents AS MATERIALIZED (
  SELECT document.id, coalesce(document.title, document.filename) AS title,
         CASE WHEN document.agent_owner IN ($3, 'shared') OR document.agent_owner IS NULL THEN 1::float8 ELSE $12::float8 END AS owner_weight
  FROM documents document
),
vector_candidates AS MATERIALIZED (
  SELECT chunk.id, chunk.embedding <=> $1::vector AS distance
  FROM document_chunks chunk
  WHERE chunk.embedding_model = $2
  ORDER BY chunk.embedding <=> $1::vector
  LIMIT $4
),
vector_ranked AS (
  SELECT id, 1 - distance AS similarity, row_number() OVER (ORDER BY distance, id) AS rank
  FROM vector_candidates
  WHERE distance <> 'NaN'::float8 AND 1 - distance >= $5
),
text_query AS (
  SELECT nullif(string_agg('(' || piece || ')', ' | '), '')::tsquery AS terms
  FROM (SELECT plainto_tsquery('french_unaccent', word)::text AS piece FROM unnest($6::text[]) AS word) pieces
  WHERE piece <> ''
),
scoped_titles AS MATERIALIZED (
  SELECT scoped.id, coalesce(ts_rank(setweight(to_tsvector('french_unaccent', scoped.title), 'A'), text_query.terms, 1), 0) AS title_score
  FROM scoped_documents scoped
  CROSS JOIN text_query
),
text_candidates AS MATERIALIZED (
  SELECT chunk.id, ts_rank(chunk.content_tsv, text_query.terms, 1) + titles.title_score AS text_score
  FROM text_query
  JOIN document_chunks chunk
    ON chunk.content_tsv @@ text_query.terms
    OR chunk.document_id = ANY (ARRAY(SELECT matched.id FROM scoped_titles matched WHERE matched.title_score > 0))
  JOIN scoped_titles titles ON titles.id = chunk.document_id
  ORDER BY text_score DESC, chunk.id
  LIMIT $7
),
text_ranked AS (
  SELECT id, text_score, row_number() OVER (ORDER BY text_score DESC, id) AS rank FROM text_candidates
),
fused AS (
  SELECT coalesce(vector_ranked.id, text_ranked.id) AS id,
         vector_ranked.similarity, vector_ranked.rank AS vector_rank,
         text_ranked.text_score, text_ranked.rank AS text_rank,
         (coalesce($9::float8 / ($8::float8 + vector_ranked.rank), 0) + coalesce($10::float8 / ($8::float8 + text_ranked.rank), 0))
           / (($9::float8 + $10::float8) / ($8::float8 + 1)) AS rrf_score
  FROM vector_ranked
  FULL OUTER JOIN text_ranked ON text_ranked.id = vector_ranked.id
)
SELECT chunk.id AS chunk_id, chunk.document_id, scoped.title,
       chunk.section, chunk.content, coalesce(document.agent_owner, 'shared') AS agent_owner,
       fused.rrf_score * scoped.owner_weight AS score, fused.similarity, fused.vector_rank, fused.text_score, fused.text_rank
FROM fused
JOIN document_chunks chunk ON chunk.id = fused.id
JOIN documents document ON document.id = chunk.document_id
JOIN scoped_documents scoped ON scoped.id = chunk.document_id
ORDER BY score DESC, least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)), chunk.id
LIMIT $11
$function$;

CREATE FUNCTION replace_document_chunks(document jsonb)
RETURNS TABLE (document_id uuid, created boolean)
LANGUAGE plpgsql
AS $function$
DECLARE
  written_id uuid;
  was_inserted boolean;
BEGIN
  INSERT INTO documents AS stored (source_key, filename, title, file_type, agent_owner, tags, category, priority, content_hash, uploaded_by, updated_at)
  VALUES (
    document->>'source_key', document->>'source_key', document->>'title', document->>'file_type', document->>'agent_owner',
    coalesce(ARRAY(SELECT jsonb_array_elements_text(coalesce(document->'tags', '[]'::jsonb))), '{}'::text[]),
    document->>'category', coalesce((document->>'priority')::integer, 1), document->>'content_hash', 'ingest', now()
  )
  ON CONFLICT (source_key) DO UPDATE
    SET filename = EXCLUDED.filename, title = EXCLUDED.title, file_type = EXCLUDED.file_type,
        agent_owner = EXCLUDED.agent_owner, tags = EXCLUDED.tags, category = EXCLUDED.category,
        priority = EXCLUDED.priority, content_hash = EXCLUDED.content_hash, updated_at = now()
  RETURNING stored.id, (stored.xmax = 0) INTO written_id, was_inserted;

  DELETE FROM document_chunks chunk WHERE chunk.document_id = written_id;
  INSERT INTO document_chunks (document_id, chunk_index, section, content, embedding, embedding_model, agent_owner)
  SELECT written_id, (chunk->>'chunk_index')::integer, chunk->>'section', chunk->>'content',
         (chunk->>'embedding')::vector, chunk->>'embedding_model', document->>'agent_owner'
  FROM jsonb_array_elements(coalesce(document->'chunks', '[]'::jsonb)) AS chunk;

  RETURN QUERY SELECT written_id, was_inserted;
END
$function$;
INSERT INTO schema_migrations (version, name, checksum) VALUES ('0012', '0012_hybrid_search_functions', '29a61ee2855bf067ce7ddb7e510100643444b8750e90504074f681661c67556d')
  ON CONFLICT (version) DO NOTHING;

COMMIT;
