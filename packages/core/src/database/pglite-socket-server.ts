import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../logging/logger.ts';
import { EmbeddedDatabasePortInUseError } from './database-errors.ts';

/** Connections the embedded server accepts in all (API pool + worker pools + CLIs). */
export const EMBEDDED_DATABASE_MAX_CONNECTIONS = 32;

export interface ServedPglite {
  host: string;
  port: number;
  /** Closes every connection and the listening socket (the PGlite instance stays open). */
  stop(): Promise<void>;
}

/**
 * Serves an open PGlite over the Postgres wire protocol. PGlite runs one query at a time; the
 * socket server queues the connections' queries and keeps a client's transaction exclusive.
 */
export async function servePgliteOverSocket(
  db: PGlite,
  options: { port: number; host: string; logger: Logger; maxConnections?: number },
): Promise<ServedPglite> {
  const server = new PGLiteSocketServer({
    db,
    port: options.port,
    host: options.host,
    maxConnections: options.maxConnections ?? EMBEDDED_DATABASE_MAX_CONNECTIONS,
  });
  server.addEventListener('error', (event) => {
    options.logger.error({ err: (event as CustomEvent<unknown>).detail }, 'embedded database server error');
  });
  try {
    await server.start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new EmbeddedDatabasePortInUseError(options.host, options.port, error);
    }
    throw error;
  }
  const port = Number(server.getServerConn().split(':').pop());
  return {
    host: options.host,
    port,
    stop: async () => {
      try {
        await server.stop();
      } catch (error) {
        options.logger.warn({ err: error }, 'embedded database server did not stop cleanly');
      }
      // Let detached connections finish rolling back their transactions before the caller closes PGlite.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
