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
