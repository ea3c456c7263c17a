import type pg from 'pg';
import { PgConversationStore } from './pg/pg-conversation-store.ts';
import { PgKnowledgeStore } from './pg/pg-knowledge-store.ts';

export interface PgStores {
  conversations: PgConversationStore;
  knowledge: PgKnowledgeStore;
}

/** The Postgres-backed stores over one pool (DATABASE_URL or the embedded database). */
export function createPgStores(pool: pg.Pool): PgStores {
  return { conversations: new PgConversationStore(pool), knowledge: new PgKnowledgeStore(pool) };
}
