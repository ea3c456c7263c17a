import { describe, expect, it } from 'vitest';
import type { ChatJobData } from './job-catalog.ts';
import { decideInfrastructureRetry } from './infrastructure-retry.ts';

const data: ChatJobData = {
  conversation_id: 'c',
  user_id: 'u',
  message: 'Bonjour',
  sent_at: '2026-01-01T00:00:00.000Z',
  received_at: '2026-01-01T00:00:00.000Z',
  request_id: 'r',
};
const config = { INFRA_OUTAGE_TOLERANCE_SECONDS: 600, INFRA_RETRY_MAX_MS: 5000 };
const fault = { dependency: 'database' as const, reason: 'ECONNREFUSED' };

describe('decideInfrastructureRetry', () => {
  it('puts the job back with a growing, capped delay, remembering when the outage started', () => {
    const now = Date.parse('2026-01-01T00:01:00.000Z');
    let current = data;
    const delays: number[] = [];
    for (let index = 0; index < 8; index++) {
      const decision = decideInfrastructureRetry(current, fault, config, now + index * 1000, () => 1);
      expect(decision.kind).toBe('put-back');
      if (decision.kind !== 'put-back') return;
      delays.push(decision.delayMs);
      current = decision.data;
    }
    expect(delays[0]).toBe(250);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(Math.max(...delays)).toBe(5000);
    expect(current.infrastructure_fault_since).toBe(new Date(now).toISOString());
    expect(current.infrastructure_fault_count).toBe(8);
  });

  it('gives up once the outage lasted the tolerance', () => {
    const since = Date.parse('2026-01-01T00:00:00.000Z');
    const decision = decideInfrastructureRetry({ ...data, infrastructure_fault_since: new Date(since).toISOString(), infrastructure_fault_count: 40 }, fault, config, since + 600_000);
    expect(decision).toEqual({ kind: 'give-up', outageMs: 600_000, toleranceMs: 600_000 });
  });

  it('never sleeps past the tolerance', () => {
    const since = Date.parse('2026-01-01T00:00:00.000Z');
    const decision = decideInfrastructureRetry({ ...data, infrastructure_fault_since: new Date(since).toISOString(), infrastructure_fault_count: 40 }, fault, config, since + 599_900, () => 1);
    expect(decision).toMatchObject({ kind: 'put-back', delayMs: 100 });
  });
});
