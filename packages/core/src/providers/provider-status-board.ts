import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { ProviderStatus } from './create-capabilities.ts';

/**
 * Circuit breakers live inside each worker process (they guard that process's calls), but
 * `/health` and `/metrics` are served by the API. Each worker publishes its provider status to
 * one Redis hash (field = worker id, value = JSON with the time it was written); the API reads
 * the hash and ignores (and removes) entries older than the freshness window, so a dead
 * worker's open circuit does not degrade health forever.
 *
 * Key: `<prefix>:provider-status` (one hash per stack).
 */

export interface PublishedProviderStatus {
  workerId: string;
  publishedAt: number;
  status: ProviderStatus;
}

export type ProviderName = keyof ProviderStatus;
export const providerNames: readonly ProviderName[] = ['openrouter', 'openai', 'cohere'];

export class ProviderStatusBoard {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** Entries older than this are stale (their worker stopped publishing). */
    private readonly freshnessMs = 30_000,
  ) {
    this.key = `${prefix}:provider-status`;
  }

  async publish(workerId: string, status: ProviderStatus, now = Date.now()): Promise<void> {
    const entry: PublishedProviderStatus = { workerId, publishedAt: now, status };
    await this.redis.hset(this.key, workerId, JSON.stringify(entry));
  }

  async withdraw(workerId: string): Promise<void> {
    await this.redis.hdel(this.key, workerId);
  }

  /** Fresh entries of every worker; stale ones are removed as a side effect. */
  async readFresh(now = Date.now()): Promise<PublishedProviderStatus[]> {
    const raw = await this.redis.hgetall(this.key);
    const fresh: PublishedProviderStatus[] = [];
    const stale: string[] = [];
    for (const [workerId, json] of Object.entries(raw)) {
      try {
        const entry = JSON.parse(json) as PublishedProviderStatus;
        if (now - entry.publishedAt <= this.freshnessMs) fresh.push(entry);
        else stale.push(workerId);
      } catch {
        stale.push(workerId);
      }
    }
    if (stale.length > 0) await this.redis.hdel(this.key, ...stale);
    return fresh;
  }
}

/** Names of the open circuits of one provider across the published entries (e.g. `openrouter:anthropic/claude-3.5-sonnet`). */
export function openCircuitsOf(entries: readonly PublishedProviderStatus[], provider: ProviderName): string[] {
  const names = new Set<string>();
  for (const entry of entries) {
    for (const circuit of entry.status[provider].circuits) {
      if (circuit.state === 'open') names.add(circuit.name);
    }
  }
  return [...names].sort();
}

/**
 * How long the provider's latest successful call took (ms) across the published entries (its most
 * recent one over every model and worker), or undefined when no worker has made one yet.
 */
export function latestCallLatencyOf(entries: readonly PublishedProviderStatus[], provider: ProviderName): number | undefined {
  let latest: { at: number; latencyMs: number } | undefined;
  for (const entry of entries) {
    for (const circuit of entry.status[provider].circuits) {
      // Entries published before the field existed carry no latency.
      if (circuit.lastSuccessAt == null || circuit.lastSuccessLatencyMs == null) continue;
      if (latest === undefined || circuit.lastSuccessAt > latest.at) latest = { at: circuit.lastSuccessAt, latencyMs: circuit.lastSuccessLatencyMs };
    }
  }
  return latest?.latencyMs;
}
