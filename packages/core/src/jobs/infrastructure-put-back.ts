import { DelayedError, type Job } from 'bullmq';
import type { AppConfig } from '../config/config.ts';
import { infrastructureFaultOf, type InfrastructureFault } from '../errors/infrastructure-fault.ts';
import type { InfrastructureFaultMarks } from './infrastructure-fault-marks.ts';
import type { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { decideInfrastructureRetry } from './infrastructure-retry.ts';

export type InfrastructurePutBackConfig = Pick<AppConfig, 'INFRA_OUTAGE_TOLERANCE_SECONDS' | 'INFRA_RETRY_MAX_MS'>;

/** What a processor does next with an error it caught: the put-back itself ends in a thrown DelayedError. */
export type InfrastructureFaultOutcome =
  | { kind: 'not-infrastructure' }
  | { kind: 'outage-too-long'; fault: InfrastructureFault; outageMs: number; toleranceMs: number };

/**
 * For every worker's processor (chat, ingest, escalation delivery, hand-over), in its `catch`:
 * when `error` is a connection-level fault of Redis or the database (errors/infrastructure-fault.ts)
 * and the outage is shorter than INFRA_OUTAGE_TOLERANCE_SECONDS, the job is put back with a
 * capped backoff (`moveToDelayed` with its token: no processing attempt is used) and this throws
 * BullMQ's DelayedError, which the processor lets through. Otherwise it returns what the
 * processor must do: handle the error as usual, or fail the job because the outage lasted too long.
 * The first put-back of an outage is logged through `faults` (quietly: once, then a summary per interval).
 */
export async function putBackOnInfrastructureFault<Data extends InfrastructureFaultMarks>(options: {
  job: Job<Data, unknown, string>;
  token: string | undefined;
  error: unknown;
  config: InfrastructurePutBackConfig;
  faults: DependencyFaultLog;
  message: string;
}): Promise<InfrastructureFaultOutcome> {
  const fault = infrastructureFaultOf(options.error);
  if (!fault) return { kind: 'not-infrastructure' };
  const decision = decideInfrastructureRetry(options.job.data, fault, options.config);
  if (decision.kind === 'give-up') return { kind: 'outage-too-long', fault, outageMs: decision.outageMs, toleranceMs: decision.toleranceMs };
  options.faults.failure(options.error, options.message);
  await options.job.updateData(decision.data);
  await options.job.moveToDelayed(Date.now() + decision.delayMs, options.token ?? '');
  throw new DelayedError();
}
