import type { AppConfig } from '../config/config.ts';
import type { InfrastructureFault } from '../errors/infrastructure-fault.ts';
import type { InfrastructureFaultMarks } from './infrastructure-fault-marks.ts';

/** First wait after an infrastructure fault; doubles per fault up to INFRA_RETRY_MAX_MS. */
export const INFRA_RETRY_BASE_MS = 250;

/**
 * What to do with a job whose run met a connection-level fault of Redis or the database:
 * put it back (no attempt used) after `delayMs`, or fail it for good once the outage has lasted
 * longer than the tolerance. Pure: the worker applies the decision.
 */
export type InfrastructureRetryDecision<Data extends InfrastructureFaultMarks> =
  | { kind: 'put-back'; delayMs: number; data: Data }
  | { kind: 'give-up'; outageMs: number; toleranceMs: number };

export function decideInfrastructureRetry<Data extends InfrastructureFaultMarks>(
  data: Data,
  fault: InfrastructureFault,
  config: Pick<AppConfig, 'INFRA_OUTAGE_TOLERANCE_SECONDS' | 'INFRA_RETRY_MAX_MS'>,
  now: number = Date.now(),
  random: () => number = Math.random,
): InfrastructureRetryDecision<Data> {
  void fault;
  const sinceParsed = data.infrastructure_fault_since === undefined ? Number.NaN : Date.parse(data.infrastructure_fault_since);
  const since = Number.isFinite(sinceParsed) ? Math.min(sinceParsed, now) : now;
  const toleranceMs = config.INFRA_OUTAGE_TOLERANCE_SECONDS * 1000;
  const outageMs = now - since;
  if (outageMs >= toleranceMs) return { kind: 'give-up', outageMs, toleranceMs };
  const faults = (data.infrastructure_fault_count ?? 0) + 1;
  const cap = Math.min(config.INFRA_RETRY_MAX_MS, INFRA_RETRY_BASE_MS * 2 ** Math.min(faults - 1, 20));
  // Half fixed, half jitter: the jobs of one outage do not all come back at the same instant.
  const jittered = Math.floor(cap / 2 + random() * (cap / 2));
  // Never sleep past the tolerance: the last try happens when it ends.
  const delayMs = Math.max(0, Math.min(jittered, toleranceMs - outageMs));
  return {
    kind: 'put-back',
    delayMs,
    data: { ...data, infrastructure_fault_since: new Date(since).toISOString(), infrastructure_fault_count: faults },
  };
}
