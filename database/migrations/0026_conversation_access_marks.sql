-- 0026_conversation_access_marks: what a conversation's access needs survives a loss of Redis.
--
-- Which conversations have had a token issued (their claim) and which ids were erased (retired for
-- 400 days) lived only in Redis. A Redis restarted without persistence forgot both: a first post
-- carrying a stored conversation's owner user_id (no secret) was given its token and read its whole
-- history, and an erased id was claimed again, its erased conversation's former token reading the new
-- one (docs/security.md, "Conversation tokens").
--
-- conversations.token_issued: true once the conversation's token was issued. Rows stored before this
-- migration are false (the database cannot tell which of them a token was issued for), and so are
-- rows another writer inserts without naming it (v1, the Python v2, a script: their conversations
-- had no token): false is the default. This product's stores write it true with each exchange
-- (packages/core/src/store), and so does the retention sweep's one-time backfill from Redis's claims.
-- Only a conversation still false may be claimed by its stored owner's first post (the path for
-- conversations of before tokens).
--
-- retired_conversation_ids: the SHA-256 digest of each erased conversation id (never the id), written
-- in the erasure's transaction; a first post does not claim a digest retired less than 400 days ago.
-- The retention sweep deletes older rows.
-- Idempotent: the column is added once, the table if missing.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS token_issued boolean NOT NULL DEFAULT false;

CREATE TABLE IF NOT EXISTS retired_conversation_ids (
  conversation_id_digest text PRIMARY KEY,
  retired_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS retired_conversation_ids_retired_at ON retired_conversation_ids (retired_at);
