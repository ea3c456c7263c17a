-- 0020_document_chunk_generations: a document's new chunks are written beside its old ones, then
-- switched to in one short transaction.
--
-- On the embedded database (PGlite: one session for every process) the transaction that replaced a
-- large document's chunks held the database for its whole length (a 640 KB document, ~1,000
-- chunks: 7 to 23 s of HNSW insertions), and /health and new visitors got 503 meanwhile. The new
-- chunks are now inserted in small batches, each its own short statement, under a new
-- `generation`; the document's `chunk_generation` says which of its chunks readers see. The switch
-- (documents.chunk_generation = the new generation, the other generations deleted) is one short
-- transaction: a reader sees the old chunks or the new ones, never a mix, never none.
-- Existing rows: generation 0 on both sides, as before. Idempotent.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS chunk_generation integer NOT NULL DEFAULT 0;
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS generation integer NOT NULL DEFAULT 0;

-- Only the chunks whose owner differs are rewritten (every rewrite of a chunk is an HNSW insertion):
-- the new generation of a document whose owner changed was written with its new owner already.
CREATE OR REPLACE FUNCTION documents_propagate_agent_owner() RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  UPDATE document_chunks SET agent_owner = coalesce(NEW.agent_owner, 'shared')
  WHERE document_id = NEW.id AND agent_owner IS DISTINCT FROM coalesce(NEW.agent_owner, 'shared');
  RETURN NULL;
END
$function$;
