import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from '../../redis/redis-connection.ts';
import type { Logger } from '../../logging/logger.ts';
import { zonedDay } from '../../config/time-zone.ts';
import { LuaScript } from '../../redis/lua-script.ts';
import type { RedisKeys } from '../../redis/redis-keys.ts';

/**
 * The daily provider budget (docs/properties.md, property 4). Before each call the worst case is reserved in Redis
 * atomically (Lua, see the two `.lua` files beside this one); after the call the reservation is settled
 * with the actual cost. Amounts are kept as integer nano-dollars. Days are dates of the agency's time
 * zone (DASHBOARD_TIME_ZONE): the cap starts again at local midnight, and the owner's dashboard shows
 * the same days. The Lua scripts know no day: they work on the hash of the day named here.
 */
const reserveScript = new LuaScript(new URL('./reserve-daily-budget.lua', import.meta.url));
const settleScript = new LuaScript(new URL('./settle-daily-budget.lua', import.meta.url));

const NANO = 1e9;
const HASH_TTL_SECONDS = 8 * 24 * 3600;

export const toNanoUsd = (usd: number): number => Math.max(0, Math.round(usd * NANO));
export const fromNanoUsd = (nano: number): number => nano / NANO;

export interface BudgetReservation {
  id: string;
  day: string;
  provider: string;
  model: string;
  reservedUsd: number;
}

export interface DailySpendReport {
  day: string;
  capUsd: number;
  spentUsd: number;
  reservedUsd: number;
  byProvider: Record<string, { spentUsd: number; calls: number }>;
}

export interface DailyBudgetOptions {
  redis: Redis;
  keys: RedisKeys;
  capUsd: number;
  reservationTtlMs: number;
  /** IANA time zone of the budget's days (DASHBOARD_TIME_ZONE). */
  timeZone: string;
  logger: Logger;
  now?: () => number;
}

export class DailyBudget {
  private warnedForDay: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: DailyBudgetOptions) {
    this.now = options.now ?? Date.now;
  }

  get capUsd(): number {
    return this.options.capUsd;
  }

  /** The time zone of the budget's days. */
  get timeZone(): string {
    return this.options.timeZone;
  }

  /** The budget's day (`YYYY-MM-DD` in its time zone) of an instant. */
  dayOf(epochMs: number): string {
    return zonedDay(epochMs, this.options.timeZone);
  }

  /** Reserves `worstCaseUsd`; null when the day's cap cannot cover it (a warning is logged once a day). */
  async reserve(provider: string, model: string, worstCaseUsd: number): Promise<BudgetReservation | null> {
    const day = this.dayOf(this.now());
    const id = randomUUID();
    const result = (await reserveScript.run(
      this.options.redis,
      [this.options.keys.dailySpend(day)],
      [id, toNanoUsd(worstCaseUsd), toNanoUsd(this.options.capUsd), this.options.reservationTtlMs, HASH_TTL_SECONDS],
    )) as [number, number, number];
    if (Number(result[0]) === 1) return { id, day, provider, model, reservedUsd: worstCaseUsd };
    if (this.warnedForDay !== day) {
      this.warnedForDay = day;
      this.options.logger.warn(
        {
          day,
          cap_usd: this.options.capUsd,
          spent_usd: fromNanoUsd(Number(result[1])),
          reserved_usd: fromNanoUsd(Number(result[2])),
          provider,
          model,
          needed_usd: worstCaseUsd,
        },
        'daily provider budget reached: degrading to cheaper models, then to local mode',
      );
    }
    return null;
  }

  /** Settles a reservation with the actual cost (0 for a call that cost nothing). */
  async settle(reservation: BudgetReservation, actualUsd: number): Promise<void> {
    await settleScript.run(
      this.options.redis,
      [this.options.keys.dailySpend(reservation.day)],
      [reservation.id, toNanoUsd(actualUsd), reservation.provider, HASH_TTL_SECONDS],
    );
  }

  async report(day: string = this.dayOf(this.now())): Promise<DailySpendReport> {
    const fields = await this.options.redis.hgetall(this.options.keys.dailySpend(day));
    const byProvider: DailySpendReport['byProvider'] = {};
    let reservedNano = 0;
    const nowMs = this.now();
    for (const [field, value] of Object.entries(fields)) {
      if (field.startsWith('spent:')) {
        const provider = field.slice('spent:'.length);
        byProvider[provider] = { spentUsd: fromNanoUsd(Number(value)), calls: byProvider[provider]?.calls ?? 0 };
      } else if (field.startsWith('calls:')) {
        const provider = field.slice('calls:'.length);
        byProvider[provider] = { spentUsd: byProvider[provider]?.spentUsd ?? 0, calls: Number(value) };
      } else if (field.startsWith('res:')) {
        const [amount, expiresAt] = value.split(':').map(Number);
        if ((expiresAt ?? 0) > nowMs) reservedNano += amount ?? 0;
      }
    }
    return {
      day,
      capUsd: this.options.capUsd,
      spentUsd: fromNanoUsd(Number(fields.spent ?? 0)),
      reservedUsd: fromNanoUsd(reservedNano),
      byProvider,
    };
  }
}
