import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The API's own measure of its requests: the `lac_http_request_duration_seconds` histogram of
 * /metrics, per route and status. Two readings around a fault tell how many requests the API
 * answered in between and how many of them took longer than a bucket's bound, by the API's clock
 * (a loaded test machine delays the client's view of an answer, not the API's).
 */
export interface RequestDurations {
  /** Per series (`METHOD route status`): its count and the requests at or under each bound ("1", "2.5"). */
  series: Map<string, { count: number; atOrUnder: Map<string, number> }>;
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
  const series: RequestDurations['series'] = new Map();
  const seriesOf = (labels: string) => {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1] ?? '?';
    const key = `${label('method')} ${label('route')} ${label('status_code')}`;
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { count: 0, atOrUnder: new Map() }));
    return entry;
  };
  for (const line of exposition.split('\n')) {
    const bucket = /^lac_http_request_duration_seconds_bucket\{(.*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (bucket) {
      const bound = /le="([^"]+)"/.exec(bucket[1]!)![1]!;
      const entry = seriesOf(bucket[1]!.replace(/,?le="[^"]+"/, ''));
      entry.atOrUnder.set(bound, (entry.atOrUnder.get(bound) ?? 0) + Number(bucket[2]));
    }
    const count = /^lac_http_request_duration_seconds_count\{(.*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (count) seriesOf(count[1]!).count += Number(count[2]);
  }
  return { series };
}

/** Requests answered between two readings, how many took longer than `boundSeconds`, and which series those were. */
export function slowerThan(before: RequestDurations, after: RequestDurations, boundSeconds: number): { total: number; slower: number; slowSeries: string[] } {
  const bound = String(boundSeconds);
  let total = 0;
  let slower = 0;
  const slowSeries: string[] = [];
  for (const [key, entry] of after.series) {
    if (!entry.atOrUnder.has(bound)) throw new Error(`the histogram has no bucket at ${bound} s`);
    const previous = before.series.get(key);
    const answered = entry.count - (previous?.count ?? 0);
    const slow = answered - ((entry.atOrUnder.get(bound) ?? 0) - (previous?.atOrUnder.get(bound) ?? 0));
    total += answered;
    slower += slow;
    if (slow > 0) slowSeries.push(`${slow}× ${key}`);
  }
  return { total, slower, slowSeries };
}
