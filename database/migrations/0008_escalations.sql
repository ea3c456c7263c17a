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
