import type { PrivacyStore } from '../privacy/privacy-store.ts';
import type { OpenedStores } from './open-stores.ts';
import { PgPrivacyStore } from '../privacy/pg-privacy-store.ts';
import { SupabasePrivacyStore } from '../privacy/supabase-privacy-store.ts';
import { createSupabaseServiceClient } from '../database/supabase-client.ts';
import type { AppConfig } from '../config/config.ts';

/** The privacy store over the same database as `stores` (its pool, or Supabase REST). */
export function openPrivacyStore(stores: Pick<OpenedStores, 'pool'>, config: Pick<AppConfig, 'SUPABASE_URL' | 'SUPABASE_SERVICE_KEY'>): PrivacyStore {
  if (stores.pool !== null) return new PgPrivacyStore(stores.pool);
  return new SupabasePrivacyStore(createSupabaseServiceClient({ url: config.SUPABASE_URL!, serviceKey: config.SUPABASE_SERVICE_KEY! }));
}
