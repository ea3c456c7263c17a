import type { SupabaseClient } from '@supabase/supabase-js';
import { createSupabaseServiceClient } from '../../database/supabase-client.ts';
import { SupabaseConversationStore } from './supabase-conversation-store.ts';
import { SupabaseKnowledgeStore } from './supabase-knowledge-store.ts';

export interface SupabaseStores {
  conversations: SupabaseConversationStore;
  knowledge: SupabaseKnowledgeStore;
  client: SupabaseClient;
}

/** The REST-backed stores (SUPABASE_URL + SUPABASE_SERVICE_KEY, no DATABASE_URL: see databaseModeOf). */
export function createSupabaseStores(options: { url: string; serviceKey: string; fetch?: typeof fetch }): SupabaseStores {
  const client = createSupabaseServiceClient(options);
  return { conversations: new SupabaseConversationStore(client), knowledge: new SupabaseKnowledgeStore(client), client };
}
