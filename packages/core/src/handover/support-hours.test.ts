import { describe, expect, it } from 'vitest';
import { availabilityAt, parseSupportHours, waitingNoticeText } from './support-hours.ts';

const hours = parseSupportHours('lun-jeu 09:00-18:00, ven 09:00-12:30', 'Europe/Paris');

describe('support hours', () => {
  it('parses day ranges and single days', () => {
    expect(hours.intervals.map((interval) => interval.day)).toEqual([1, 2, 3, 4, 5]);
    expect(hours.intervals[4]).toEqual({ day: 5, startMinute: 540, endMinute: 750 });
  });

  it('refuses what it cannot read, naming the setting', () => {
    expect(() => parseSupportHours('lundi matin', 'Europe/Paris')).toThrow(/SUPPORT_HOURS/);
    expect(() => parseSupportHours('lun 18:00-09:00', 'Europe/Paris')).toThrow(/ends before it starts/);
    expect(() => parseSupportHours('lun 09:00-18:00', 'Mars/Olympus')).toThrow(/time zone/);
  });

  it('says "before closing today" during opening hours (Paris time)', () => {
    // Wednesday 2 December 2026, 10:00 in Paris = 09:00 UTC.
    const at = new Date('2026-12-02T09:00:00Z');
    expect(availabilityAt(hours, at)).toEqual({ open: true, closesAtMinute: 1080 });
    expect(waitingNoticeText(hours, at)).toContain('avant 18 h aujourd');
  });

  it('names the next opening: later today, tomorrow, or Monday after a Friday afternoon', () => {
    expect(waitingNoticeText(hours, new Date('2026-12-02T06:00:00Z'))).toContain("aujourd'hui à 9 h");
    expect(waitingNoticeText(hours, new Date('2026-12-02T19:00:00Z'))).toContain('demain à 9 h');
    const fridayAfternoon = waitingNoticeText(hours, new Date('2026-12-04T13:00:00Z'));
    expect(fridayAfternoon).toContain('lundi à 9 h');
    expect(fridayAfternoon).toContain('du lundi au jeudi de 9 h à 18 h et le vendredi de 9 h à 12 h 30');
  });
});
