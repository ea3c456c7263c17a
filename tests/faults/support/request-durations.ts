import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The API's own measure of its requests: the `lac_http_request_duration_seconds` histogram of
 * /metrics, summed over every route and status. Two readings around a fault tell how many requests
 * the API answered in between and how many of them took longer than a bucket's bound, by the API's
 * clock (a loaded test machine delays the client's view of an answer, not the API's).
 */
export interface RequestDurations {
  count: number;
  /** Requests at or under each bucket bound (seconds, as printed: "1", "2.5"). */
  atOrUnder: Map<string, number>;
}

/** Reads /metrics, retrying until it answers 200 (the API may still be reconnecting after a fault). */
export async function readRequestDurations(baseUrl: string, timeoutMs = 30_000): Promise<RequestDurations> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (response?.status === 200) return parseRequestDurations(await response.text());
    if (Date.now() > deadline) throw new Error(`/metrics did not answer 200 within ${timeoutMs} ms`);
    await sleep(250);
  }
}

export function parseRequestDurations(exposition: string): RequestDurations {
  const durations: RequestDurations = { count: 0, atOrUnder: new Map() };
  for (const line of exposition.split('\n')) {
    const bucket = /^lac_http_request_duration_seconds_bucket\{.*le="([^"]+)".*\} (\d+(?:\.\d+)?)$/.exec(line);
    if (bucket) durations.atOrUnder.set(bucket[1]!, (durations.atOrUnder.get(bucket[1]!) ?? 0) + Number(bucket[2]));
    const count = /^lac_http_request_duration_seconds_count\{.*\} (\d+(?:\.\d+)?)$/.exec(line);
    if (count) durations.count += Number(count[1]);
  }
  return durations;
}

/** Requests answered between two readings, and how many of them took longer than `boundSeconds`. */
export function slowerThan(before: RequestDurations, after: RequestDurations, boundSeconds: number): { total: number; slower: number } {
  const bound = String(boundSeconds);
  if (!after.atOrUnder.has(bound)) throw new Error(`the histogram has no bucket at ${bound} s`);
  const total = after.count - before.count;
  const underBound = (after.atOrUnder.get(bound) ?? 0) - (before.atOrUnder.get(bound) ?? 0);
  return { total, slower: total - underBound };
}
