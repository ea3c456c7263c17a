import pg from 'pg';

/** The local PostgreSQL a developer machine or CI usually has (trust auth). */
export const DEFAULT_LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type PostgresServerProbe =
  | { usable: true; serverUrl: string; version: string; pgvector: string }
  | { usable: false; serverUrl: string; reason: string };

/**
 * Whether the PostgreSQL server at `serverUrl` can host throwaway databases of this product:
 * it answers, offers pgvector and unaccent, and the role may create databases. The reason of
 * a `usable: false` names the server by host and port only (no credentials).
 */
export async function probePostgresServer(serverUrl: string, options: { timeoutMs?: number } = {}): Promise<PostgresServerProbe> {
  const unusable = (reason: string): PostgresServerProbe => ({ usable: false, serverUrl, reason });
  const address = postgresAddressOf(serverUrl);
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: options.timeoutMs ?? 2_000 });
  } catch (error) {
    return unusable(`${address} is not a usable connection string (${(error as Error).message})`);
  }
  try {
    await client.connect();
  } catch (error) {
    return unusable(`no PostgreSQL answers at ${address} (${(error as Error).message})`);
  }
  try {
    const { rows } = await client.query<{ version: string; pgvector: string | null; unaccent: string | null; can_create: boolean }>(
      `SELECT current_setting('server_version') AS version,
              (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS pgvector,
              (SELECT default_version FROM pg_available_extensions WHERE name = 'unaccent') AS unaccent,
              (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can_create`,
    );
    const facts = rows[0]!;
    const version = facts.version.split(' ')[0]!;
    if (!facts.pgvector) return unusable(`PostgreSQL ${version} at ${address} has no pgvector extension`);
    if (!facts.unaccent) return unusable(`PostgreSQL ${version} at ${address} has no unaccent extension (contrib)`);
    if (!facts.can_create) return unusable(`the role connecting to ${address} may not create databases`);
    return { usable: true, serverUrl, version, pgvector: facts.pgvector };
  } catch (error) {
    return unusable(`PostgreSQL at ${address} could not be inspected (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `host:port` of a connection string, for messages (never the user or password). */
export function postgresAddressOf(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    return `${url.hostname}:${url.port || 5432}`;
  } catch {
    return 'the PostgreSQL URL (not a URL)';
  }
}
