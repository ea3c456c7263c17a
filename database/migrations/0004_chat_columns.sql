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
