/**
 * The agency's days (DASHBOARD_TIME_ZONE): the calendar day of an instant in an IANA time zone, and
 * where such a day starts. Postgres groups by the same days (`(created_at AT TIME ZONE zone)::date`,
 * migration 0019); both read the IANA time zone database.
 */

/** `Region/City` names and `UTC`: an offset such as `+01:00` is refused, Postgres reads it with the POSIX sign (inverted). */
const IANA_NAME = /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9_+-]+)*$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `name` is a time zone of the IANA database, by name (e.g. `Europe/Paris`, `UTC`). */
export function isIanaTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (`YYYY-MM-DD`) of an instant in `timeZone`. */
export function zonedDay(epochMs: number, timeZone: string): string {
  const parts = formatterOf(timeZone).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DAY_MS = 24 * 3600_000;
/** Offsets of real zones stay within ±14 hours; a day starts within this margin of its UTC midnight. */
const SEARCH_MARGIN_MS = 15 * 3600_000;

/** The day after `day` (calendar arithmetic, no zone). */
export function nextDay(day: string): string {
  return shiftedDay(day, 1);
}

/** The day `days` days after `day` (before, when negative; calendar arithmetic, no zone). */
export function shiftedDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant of `day` in `timeZone` (its local midnight, or the first instant after it when a
 * change of offset skips midnight), in epoch milliseconds.
 */
export function zonedDayStart(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`);
  // The first instant whose local day is `day` or later: the local day only moves forward over this window.
  let low = utcMidnight - SEARCH_MARGIN_MS;
  let high = utcMidnight + SEARCH_MARGIN_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zonedDay(middle, timeZone) >= day) high = middle;
    else low = middle;
  }
  return high;
}

/** The days in `timeZone` from the one of `from` to the one of `to`, oldest first. */
export function zonedDaysBetween(from: Date, to: Date, timeZone: string): string[] {
  const days: string[] = [];
  const last = zonedDay(to.getTime(), timeZone);
  for (let day = zonedDay(from.getTime(), timeZone); ; day = nextDay(day)) {
    days.push(day);
    if (day >= last) return days;
  }
}
