-- 0006_functions: the SQL functions v2 defined, over the migrated schema.
-- CREATE OR REPLACE cannot change a function's result type, and v2's versions compare text with
-- uuid ids, so every existing overload of these names is dropped first, then re-created.
-- Idempotent (drop + create gives the same functions on every run).
-- @drop-function-overloads: match_documents_audrey, match_documents_carole, match_documents_for_agent, check_rate_limit, tag_documents_by_keywords

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
