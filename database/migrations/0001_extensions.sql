-- 0001_extensions: pgvector (embeddings, HNSW) and unaccent (accent-insensitive French full-text search).
-- Idempotent: IF NOT EXISTS (on Supabase, extensions already enabled in the `extensions` schema are reused).
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS unaccent;
