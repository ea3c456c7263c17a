import { createRequire } from 'node:module';
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../errors/app-error.ts';

type SupabaseJs = typeof import('@supabase/supabase-js');

const requireFromHere = createRequire(import.meta.url);
let supabaseJs: SupabaseJs | undefined;

/**
 * supabase-js, loaded on the first client made: only Supabase mode makes one, and importing it
 * costs about 0.15 s of start-up to every process and test file that imports `@lac/core`.
 * Synchronous (the client is made where the stores are, synchronously): `require` of its CommonJS build.
 */
function loadSupabaseJs(): SupabaseJs {
  supabaseJs ??= requireFromHere('@supabase/supabase-js') as SupabaseJs;
  return supabaseJs;
}

/**
 * The Supabase REST client of the stores (SUPABASE_URL + SUPABASE_SERVICE_KEY): the service
 * key bypasses row level security, so it never leaves the server. No session, no auth refresh,
 * no realtime: the stores only make PostgREST calls.
 */
/**
 * Realtime's socket class, required by supabase-js at construction on Node < 22 (no global
 * WebSocket). The stores never open a realtime channel; if something does, it fails loudly.
 */
class RealtimeNotUsed {
  constructor() {
    throw new Error('Supabase realtime is not used by the chat backend stores');
  }
}

export function createSupabaseServiceClient(options: { url: string; serviceKey: string; fetch?: typeof fetch }): SupabaseClient {
  const { createClient } = loadSupabaseJs();
  return createClient(options.url, options.serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    db: { schema: 'public' },
    realtime: { transport: RealtimeNotUsed as unknown as NonNullable<NonNullable<Parameters<SupabaseJs['createClient']>[2]>['realtime']>['transport'] },
    global: {
      headers: { 'X-Client-Info': 'lac-chat-backend' },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
}

/** A failed Supabase call: PostgREST's code (or the SQLSTATE), the operation, retryable when the service is the problem. */
export class SupabaseStoreError extends AppError {
  readonly postgrestCode: string;

  constructor(operation: string, error: Pick<PostgrestError, 'code' | 'message'> & { details?: string | null; hint?: string | null }, status: number) {
    const retryable = status === 0 || status === 408 || status === 429 || status >= 500;
    super({
      message: `Supabase ${operation} failed (${status || 'network'} ${error.code || ''}): ${error.message}`,
      code: retryable ? 'dependency_unavailable' : 'database_error',
      status: retryable ? 503 : 500,
      retryable,
      details: { dependency: 'supabase', operation, postgrestCode: error.code, httpStatus: status, hint: error.hint ?? null },
    });
    this.postgrestCode = error.code;
  }
}

/** Unwraps a PostgREST response: its data, or a SupabaseStoreError naming the operation. */
export function dataOf<T>(operation: string, response: { data: T | null; error: PostgrestError | null; status: number }): T {
  if (response.error) throw new SupabaseStoreError(operation, response.error, response.status);
  return response.data as T;
}
