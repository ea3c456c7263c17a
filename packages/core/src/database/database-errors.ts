import { AppError } from '../errors/app-error.ts';

/** The embedded database's port is taken (another stack, another `db:serve`, another Postgres). */
export class EmbeddedDatabasePortInUseError extends AppError {
  constructor(readonly host: string, readonly port: number, cause?: unknown) {
    super({
      message:
        `Embedded database: port ${host}:${port} is already in use. ` +
        `Set EMBEDDED_DB_PORT to a free port (0 picks one), stop the process using it, ` +
        `or set DATABASE_URL to use that database instead.`,
      code: 'embedded_database_port_in_use',
      status: 503,
      retryable: false,
      details: { host, port, setting: 'EMBEDDED_DB_PORT' },
      cause,
    });
  }
}

/** Another live process already serves this PGlite data directory (two writers would corrupt it). */
export class EmbeddedDatabaseLockedError extends AppError {
  constructor(readonly lockFile: string, readonly ownerPid: number) {
    super({
      message:
        `Embedded database: ${lockFile} is held by running process ${ownerPid}. ` +
        `Connect to that database (DATABASE_URL) or stop it first; delete the lock file only if no such process serves it.`,
      code: 'embedded_database_locked',
      status: 503,
      retryable: false,
      details: { lockFile, ownerPid },
    });
  }
}

/** A migration file failed to apply; nothing of that migration was kept (it ran in a transaction). */
export class MigrationFailedError extends AppError {
  constructor(readonly migration: string, cause: unknown) {
    super({
      message: `Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      code: 'migration_failed',
      status: 500,
      retryable: false,
      details: { migration },
      cause,
    });
  }
}

/** The database answers but lacks migrations this code needs (a fresh DATABASE_URL, or a deploy before `pnpm db:migrate`). */
export class DatabaseSchemaBehindError extends AppError {
  constructor(readonly database: string, readonly missing: readonly string[]) {
    super({
      message:
        `The database (${database}) lacks ${missing.length} migration(s) this version needs (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}). ` +
        'Run `pnpm db:migrate` with the same DATABASE_URL (compose runs the `migrate` service first), then start again.',
      code: 'database_schema_behind',
      status: 503,
      retryable: false,
      details: { missing: [...missing] },
    });
  }
}
