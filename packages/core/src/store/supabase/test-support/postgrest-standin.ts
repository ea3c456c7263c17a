import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import {
  StandinError,
  identifier,
  nonNegativeInteger,
  orderClause,
  preferences,
  readBody,
  selectList,
  splitList,
  statusOfPostgresError,
  whereClause,
} from './postgrest-request-translation.ts';

/**
 * Test infrastructure: a stand-in for Supabase's REST endpoint (`/rest/v1`, PostgREST) over a
 * real Postgres (PGlite), speaking PostgREST's documented wire format for the calls the
 * Supabase stores make, and refusing the rest with PostgREST's error shape:
 *
 * - `GET|HEAD /rest/v1/<table>?select=a,b&<col>=<op>.<value>&order=c.desc&limit=n&offset=m`
 *   with the operators eq, neq, gt, gte, lt, lte, is (null, true, false) and in.(a,"b,c");
 *   `Prefer: count=exact` answers the total in `Content-Range: <from>-<to>/<total>`.
 * - `POST /rest/v1/<table>[?columns=..][&on_conflict=a,b]` with a JSON object or array;
 *   `Prefer: return=representation|minimal`, `resolution=ignore-duplicates|merge-duplicates`
 *   (an upsert on `on_conflict`, the primary key by default); rows are built with
 *   json_populate_recordset as PostgREST does, so omitted columns take their defaults.
 * - `PATCH` and `DELETE /rest/v1/<table>?<filters>` (with `Prefer: return=representation`).
 * - `POST /rest/v1/rpc/<function>` with named arguments as a JSON object: a set-returning
 *   function answers a JSON array, a scalar one its value.
 * - `apikey` and `Authorization: Bearer` must carry the service key (else 401).
 * Errors: `{code, message, details, hint}`; Postgres errors keep their SQLSTATE, unique and
 * foreign key violations answer 409, other data errors 400 (PostgREST's mapping).
 * Results are rendered by Postgres itself (json_agg / to_json), as PostgREST does.
 */

export interface PostgrestStandin {
  url: string;
  /** Requests served, as "METHOD path" (for tests that check the wire calls). */
  requests: string[];
  close(): Promise<void>;
}

export async function startPostgrestStandin(options: { pool: pg.Pool; serviceKey: string; schema?: string }): Promise<PostgrestStandin> {
  const { pool, serviceKey } = options;
  const schema = identifier(options.schema ?? 'public');
  const requests: string[] = [];

  async function rows(sql: string, values: unknown[]): Promise<unknown[]> {
    // A CTE, so that INSERT/UPDATE/DELETE ... RETURNING render the same way as a SELECT.
    const result = await pool.query<{ body: unknown[] }>(`WITH result AS (${sql}) SELECT coalesce(json_agg(result), '[]'::json) AS body FROM result`, values);
    return result.rows[0]?.body ?? [];
  }

  async function readTable(table: string, search: URLSearchParams, request: IncomingMessage, head: boolean) {
    const values: unknown[] = [];
    const where = whereClause(search, values);
    const limit = nonNegativeInteger(search.get('limit'), 'limit');
    const offset = nonNegativeInteger(search.get('offset'), 'offset') ?? 0;
    const sql = `SELECT ${selectList(search)} FROM ${schema}.${identifier(table)} ${where} ${orderClause(search)}${limit === null ? '' : ` LIMIT ${limit}`} OFFSET ${offset}`;
    const body = head ? [] : await rows(sql, values);
    let total = '*';
    if (preferences(request).get('count') === 'exact') {
      const counted = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${schema}.${identifier(table)} ${where}`, values);
      total = String(counted.rows[0]?.count ?? 0);
    }
    const shown = head ? Math.max(0, Math.min(Number(total === '*' ? 0 : total) - offset, limit ?? Number.MAX_SAFE_INTEGER)) : body.length;
    return { status: 200, body: head ? undefined : body, contentRange: shown === 0 ? `*/${total}` : `${offset}-${offset + shown - 1}/${total}` };
  }

  async function insert(table: string, search: URLSearchParams, request: IncomingMessage) {
    const payload = await readBody(request);
    const records = (Array.isArray(payload) ? payload : [payload]) as Array<Record<string, unknown>>;
    if (records.some((record) => record === null || typeof record !== 'object' || Array.isArray(record))) {
      throw new StandinError(400, 'PGRST102', 'All object keys must match');
    }
    const columnsParameter = search.get('columns');
    const columns = columnsParameter
      ? splitList(columnsParameter).map((column) => column.trim())
      : [...new Set(records.flatMap((record) => Object.keys(record)))];
    const prefer = preferences(request);
    const quoted = columns.map(identifier);
    const target = `${schema}.${identifier(table)}`;
    let conflict = '';
    const resolution = prefer.get('resolution');
    if (resolution === 'ignore-duplicates' || resolution === 'merge-duplicates') {
      const onConflict = search.get('on_conflict');
      const conflictColumns = onConflict
        ? splitList(onConflict).map((column) => identifier(column.trim()))
        : (
            await pool.query<{ name: string }>(
              `SELECT attribute.attname AS name FROM pg_index index
               JOIN pg_attribute attribute ON attribute.attrelid = index.indrelid AND attribute.attnum = ANY (index.indkey)
               WHERE index.indrelid = $1::regclass AND index.indisprimary`,
              [`${schema}.${identifier(table)}`],
            )
          ).rows.map((row) => identifier(row.name));
      const updates = quoted.filter((column) => !conflictColumns.includes(column)).map((column) => `${column} = EXCLUDED.${column}`);
      conflict =
        resolution === 'ignore-duplicates' || updates.length === 0
          ? `ON CONFLICT (${conflictColumns.join(', ')}) DO NOTHING`
          : `ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
    }
    const returning = prefer.get('return') === 'representation';
    const sql = `INSERT INTO ${target} (${quoted.join(', ')})
      SELECT ${quoted.join(', ')} FROM json_populate_recordset(NULL::${target}, $1::json)
      ${conflict} RETURNING ${selectList(search)}`;
    const inserted = await rows(sql, [JSON.stringify(records)]);
    return { status: 201, body: returning ? inserted : undefined, contentRange: `*/*` };
  }

  async function update(table: string, search: URLSearchParams, request: IncomingMessage) {
    const payload = (await readBody(request)) as Record<string, unknown>;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new StandinError(400, 'PGRST102', 'a JSON object is expected');
    const target = `${schema}.${identifier(table)}`;
    const values: unknown[] = [JSON.stringify(payload)];
    const where = whereClause(search, values, `${identifier(table)}.`);
    const assignments = Object.keys(payload).map((column) => `${identifier(column)} = patch.${identifier(column)}`);
    const sql = `UPDATE ${target} SET ${assignments.join(', ')} FROM json_populate_record(NULL::${target}, $1::json) AS patch ${where}
      RETURNING ${selectList(search, `${identifier(table)}.`)}`;
    const updated = await rows(sql, values);
    return { status: preferences(request).get('return') === 'representation' ? 200 : 204, body: preferences(request).get('return') === 'representation' ? updated : undefined, contentRange: '*/*' };
  }

  async function remove(table: string, search: URLSearchParams, request: IncomingMessage) {
    const values: unknown[] = [];
    const where = whereClause(search, values);
    if (where === '') throw new StandinError(400, 'PGRST100', 'DELETE requires a filter');
    const deleted = await rows(`DELETE FROM ${schema}.${identifier(table)} ${where} RETURNING ${selectList(search)}`, values);
    const representation = preferences(request).get('return') === 'representation';
    return { status: representation ? 200 : 204, body: representation ? deleted : undefined, contentRange: '*/*' };
  }

  async function callFunction(name: string, request: IncomingMessage) {
    const args = (await readBody(request)) as Record<string, unknown>;
    if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new StandinError(400, 'PGRST102', 'arguments must be a JSON object');
    const described = await pool.query<{ proretset: boolean; composite: boolean; json_arguments: string[] | null }>(
      `SELECT procedure.proretset, (type.typtype = 'c') AS composite,
              ARRAY(SELECT argument.name FROM unnest(procedure.proargnames, procedure.proargtypes::oid[]) AS argument(name, type_oid)
                    WHERE argument.type_oid IN ('json'::regtype, 'jsonb'::regtype)) AS json_arguments
       FROM pg_proc procedure JOIN pg_type type ON type.oid = procedure.prorettype
       WHERE procedure.proname = $1 AND procedure.pronamespace = $2::regnamespace`,
      [name, schema.slice(1, -1)],
    );
    const signature = described.rows[0];
    if (!signature) throw new StandinError(404, 'PGRST202', `Could not find the function ${schema.slice(1, -1)}.${name} in the schema cache`);
    // Objects, and any value of a json/jsonb argument (arrays included), travel as JSON text, as PostgREST sends them.
    const jsonArguments = new Set(signature.json_arguments ?? []);
    const values = Object.entries(args).map(([key, value]) =>
      (value !== null && typeof value === 'object' && !Array.isArray(value)) || (jsonArguments.has(key) && value !== null) ? JSON.stringify(value) : value,
    );
    const call = `${schema}.${identifier(name)}(${Object.keys(args).map((key, index) => `${identifier(key)} => $${index + 1}`).join(', ')})`;
    if (signature.proretset || signature.composite) return { status: 200, body: await rows(`SELECT * FROM ${call}`, values), contentRange: '*/*' };
    const scalar = await pool.query<{ value: unknown }>(`SELECT to_json(${call}) AS value`, values);
    return { status: 200, body: scalar.rows[0]?.value ?? null, contentRange: '*/*' };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://standin');
    requests.push(`${request.method} ${url.pathname}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    try {
      const bearer = request.headers.authorization;
      if (request.headers.apikey !== serviceKey || bearer !== `Bearer ${serviceKey}`) {
        throw new StandinError(401, 'PGRST301', 'No suitable key or wrong key type');
      }
      const match = /^\/rest\/v1\/(?:(rpc)\/)?([^/]+)\/?$/.exec(url.pathname);
      if (!match) throw new StandinError(404, 'PGRST125', `Invalid path ${url.pathname}`);
      const [, rpc, name] = match;
      const method = request.method ?? 'GET';
      let result: { status: number; body: unknown; contentRange: string };
      if (rpc) {
        if (method !== 'POST') throw new StandinError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
        result = await callFunction(name!, request);
      } else if (method === 'GET' || method === 'HEAD') result = await readTable(name!, url.searchParams, request, method === 'HEAD');
      else if (method === 'POST') result = await insert(name!, url.searchParams, request);
      else if (method === 'PATCH') result = await update(name!, url.searchParams, request);
      else if (method === 'DELETE') result = await remove(name!, url.searchParams, request);
      else throw new StandinError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
      send(result.status, result.body, { 'Content-Range': result.contentRange });
    } catch (error) {
      if (error instanceof StandinError) {
        send(error.status, { code: error.code, message: error.message, details: error.details, hint: null });
        return;
      }
      const postgres = error as { code?: unknown; message?: string; detail?: string; hint?: string };
      const code = typeof postgres.code === 'string' ? postgres.code : 'PGRST000';
      send(typeof postgres.code === 'string' ? statusOfPostgresError(code) : 500, {
        code,
        message: postgres.message ?? String(error),
        details: postgres.detail ?? null,
        hint: postgres.hint ?? null,
      });
    }
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
