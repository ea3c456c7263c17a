/**
 * A circuit breaker per model (per process). States:
 *
 * - `closed`: calls pass; `failureThreshold` consecutive failed attempts open it;
 * - `open`: calls are refused (the chain falls back at once) until `openDurationMs` has passed;
 * - `half_open`: ONE probe call passes; its success closes the circuit, its failure opens it again.
 *
 * Only failures that say the model is unwell count (retryable errors and timeouts), not a 400 of ours.
 */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openDurationMs: number;
  /** Injectable clock (ms). */
  now?: () => number;
  onStateChange?: (change: { name: string; from: CircuitState; to: CircuitState }) => void;
}

export interface CircuitSnapshot {
  name: string;
  state: CircuitState;
  consecutiveFailures: number;
  /** When an open circuit lets its next probe through (epoch ms), null otherwise. */
  nextProbeAt: number | null;
  openedCount: number;
  /** How long the latest successful call took (ms), null before the first one (GET /health's provider latency; absent from older workers' entries). */
  lastSuccessLatencyMs?: number | null;
  /** When that call ended (epoch ms), null before the first one. */
  lastSuccessAt?: number | null;
}

export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private openedCount = 0;
  private lastSuccess: { latencyMs: number; at: number } | null = null;
  private readonly now: () => number;

  constructor(
    readonly name: string,
    private readonly options: CircuitBreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The state now (an open circuit whose wait has passed reads as half-open). */
  currentState(): CircuitState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.openDurationMs) return 'half_open';
    return this.state;
  }

  /**
   * Asks to make a call. Returns true when it may go ahead (the caller then reports `recordSuccess` or
   * `recordFailure`), false when the circuit refuses it.
   */
  tryAcquire(): boolean {
    const state = this.currentState();
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.state === 'open') this.transition('half_open');
    if (this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /** Milliseconds until an open circuit lets a probe through (0 when it would now). */
  msUntilProbe(): number {
    if (this.state !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.openDurationMs - this.now());
  }

  /** `latencyMs`: how long the call took, when measured. */
  recordSuccess(latencyMs?: number): void {
    if (latencyMs !== undefined) this.lastSuccess = { latencyMs, at: this.now() };
    this.consecutiveFailures = 0;
    this.probeInFlight = false;
    if (this.state !== 'closed') this.transition('closed');
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    const wasProbe = this.state === 'half_open';
    this.probeInFlight = false;
    if (wasProbe || (this.state === 'closed' && this.consecutiveFailures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.openedCount += 1;
      this.transition('open');
    }
  }

  /** A call that ended neither way (aborted by the job, fatal request error): frees the probe slot only. */
  releaseWithoutVerdict(): void {
    this.probeInFlight = false;
  }

  snapshot(): CircuitSnapshot {
    const state = this.currentState();
    return {
      name: this.name,
      state,
      consecutiveFailures: this.consecutiveFailures,
      nextProbeAt: state === 'open' ? this.openedAt + this.options.openDurationMs : null,
      openedCount: this.openedCount,
      lastSuccessLatencyMs: this.lastSuccess?.latencyMs ?? null,
      lastSuccessAt: this.lastSuccess?.at ?? null,
    };
  }

  private transition(to: CircuitState): void {
    const from = this.state;
    this.state = to;
    this.options.onStateChange?.({ name: this.name, from, to });
  }
}

/** One breaker per `provider:model`, created on first use; snapshots feed /health and metrics. */
export class CircuitBreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: CircuitBreakerOptions) {}

  get(provider: string, model: string): CircuitBreaker {
    const name = `${provider}:${model}`;
    let breaker = this.breakers.get(name);
    if (!breaker) {
      breaker = new CircuitBreaker(name, this.options);
      this.breakers.set(name, breaker);
    }
    return breaker;
  }

  snapshots(): CircuitSnapshot[] {
    return [...this.breakers.values()].map((breaker) => breaker.snapshot());
  }
}

/** Numeric encoding for a metrics gauge: closed 0, half-open 1, open 2. */
export const circuitStateGaugeValue: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };
