import pg from 'pg';
import { waitUntil } from './wait-until.ts';

/**
 * For tests on a real PostgreSQL (PGlite has one session: nothing can wait there): another session
 * locks a document's row in a transaction, so that a replacement under way waits at a chosen step
 * (`FOR NO KEY UPDATE`: at its switch; `FOR UPDATE`: from its first staged chunk, whose foreign key
 * check needs the row), then plays the other writer inside that transaction and commits.
 */
export interface DocumentRowLock {
  /** The locking session, inside its transaction. */
  session: pg.Client;
  /** Resolves once a session of this database waits on a lock while running a statement that contains `statementText`. */
  waitForBlockedStatement(statementText: string): Promise<void>;
  /** Commits the other writer's work and closes the session. */
  commit(): Promise<void>;
}

export async function lockDocumentRow(connectionString: string, sourceKey: string, mode: 'FOR UPDATE' | 'FOR NO KEY UPDATE'): Promise<DocumentRowLock> {
  const session = new pg.Client({ connectionString });
  await session.connect();
  await session.query('BEGIN');
  const locked = await session.query(`SELECT id FROM documents WHERE source_key = $1 ${mode}`, [sourceKey]);
  if (locked.rowCount !== 1) {
    await session.end();
    throw new Error(`no document ${sourceKey} to lock`);
  }
  let open = true;
  return {
    session,
    async waitForBlockedStatement(statementText) {
      await waitUntil(
        async () => {
          // Inside a transaction the activity view is read once and kept: read it afresh each time.
          await session.query('SELECT pg_stat_clear_snapshot()');
          return (
            await session.query<{ count: number }>(
              `SELECT count(*)::int AS count FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
              [statementText],
            )
          ).rows[0]!.count;
        },
        (count) => count > 0,
        // A CLI spawned through tsx reaches its statement in 1-5 s, far later on a loaded machine.
        60_000,
      );
    },
    async commit() {
      if (!open) return;
      open = false;
      await session.query('COMMIT');
      await session.end();
    },
  };
}
