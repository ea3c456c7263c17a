import { describe, expect, it } from 'vitest';
import { isIanaTimeZone, zonedDay, zonedDayStart, zonedDaysBetween } from './time-zone.ts';

describe('the agency’s days in a time zone', () => {
  it('puts 23:30 UTC on the next day in Paris, winter (UTC+1) and summer (UTC+2)', () => {
    expect(zonedDay(Date.parse('2026-01-14T23:30:00Z'), 'Europe/Paris')).toBe('2026-01-15');
    expect(zonedDay(Date.parse('2026-07-14T23:30:00Z'), 'Europe/Paris')).toBe('2026-07-15');
    expect(zonedDay(Date.parse('2026-07-14T21:59:59.999Z'), 'Europe/Paris')).toBe('2026-07-14');
    expect(zonedDay(Date.parse('2026-01-14T23:30:00Z'), 'UTC')).toBe('2026-01-14');
  });

  it('starts a day at local midnight, across the changes of offset', () => {
    expect(new Date(zonedDayStart('2026-01-15', 'Europe/Paris')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(new Date(zonedDayStart('2026-07-15', 'Europe/Paris')).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    // 29 March 2026: clocks go forward at 02:00, the day still starts at 00:00 (UTC+1), the next one at UTC+2.
    expect(new Date(zonedDayStart('2026-03-29', 'Europe/Paris')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(zonedDayStart('2026-03-30', 'Europe/Paris')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(zonedDayStart('2026-01-15', 'UTC')).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    // Zones east of UTC+12 too.
    expect(new Date(zonedDayStart('2026-01-15', 'Pacific/Kiritimati')).toISOString()).toBe('2026-01-14T10:00:00.000Z');
  });

  it('lists the local days a range touches', () => {
    expect(zonedDaysBetween(new Date('2026-07-13T23:30:00Z'), new Date('2026-07-14T23:30:00Z'), 'Europe/Paris')).toEqual(['2026-07-14', '2026-07-15']);
    expect(zonedDaysBetween(new Date('2026-07-13T23:30:00Z'), new Date('2026-07-14T23:30:00Z'), 'UTC')).toEqual(['2026-07-13', '2026-07-14']);
  });

  it('knows IANA names only', () => {
    expect(['Europe/Paris', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT-2'].map(isIanaTimeZone)).toEqual([true, true, true, true]);
    expect(['Europe/Nowhere', '+01:00', 'CET+1', '', ' Europe/Paris'].map(isIanaTimeZone)).toEqual([false, false, false, false, false]);
  });
});
