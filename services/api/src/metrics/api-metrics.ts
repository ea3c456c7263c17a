import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Outcomes of POST /api/v2/chat, one label value each. */
export type ChatSubmissionOutcome = 'accepted' | 'replayed' | 'rate_limited' | 'idempotency_conflict' | 'invalid' | 'error';

/** The queue counts the depth gauge reads on each scrape (a BullMQ Queue satisfies it). */
export interface QueueCountsSource {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

export interface ApiMetrics {
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  chatSubmissions: Counter<'outcome'>;
  queueDepth: Gauge<'queue' | 'state'>;
}

/**
 * The API's Prometheus metrics, registered in the given registry: HTTP request durations
 * by route and status, chat submissions by outcome, and queue depth gauges read from
 * BullMQ when the registry is scraped (not on a timer).
 */
export function createApiMetrics(registry: Registry, queue: QueueCountsSource): ApiMetrics {
  const httpRequestDuration = new Histogram({
    name: 'lac_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const chatSubmissions = new Counter({
    name: 'lac_chat_submissions_total',
    help: 'POST /api/v2/chat by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // One read per scrape for both gauges (prom-client collects them concurrently); null while Redis is away.
  let lastRead: { at: number; counts: Promise<Record<string, number> | null> } | undefined;
  const readCounts = (): Promise<Record<string, number> | null> => {
    const now = Date.now();
    if (lastRead === undefined || now - lastRead.at > 250) lastRead = { at: now, counts: queue.getJobCounts(...QUEUE_DEPTH_STATES).catch(() => null) };
    return lastRead.counts;
  };
  const queueDepth = new Gauge({
    name: 'lac_queue_jobs',
    help: 'Jobs in the chat queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      // While Redis is away the depth is unknown: no sample (and lac_queue_jobs_readable 0), but the
      // scrape still answers with the HTTP and process metrics that show the outage.
      const counts = await readCounts();
      this.reset();
      if (counts === null) return;
      for (const state of QUEUE_DEPTH_STATES) {
        this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  const queueReadable = new Gauge({
    name: 'lac_queue_jobs_readable',
    help: 'Whether the chat queue depth could be read from Redis at this scrape (1) or not (0)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.set({ queue: queue.name }, (await readCounts()) === null ? 0 : 1);
    },
  });
  return { httpRequestDuration, chatSubmissions, queueDepth };
}
