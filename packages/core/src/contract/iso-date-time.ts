/**
 * An ISO 8601 date and time as clients actually write it (a chat request's `timestamp`, which the
 * server does not use: refusing a message for its shape loses the message, not a bad date).
 *
 * Accepted: `YYYY-MM-DD`, then `T` (or `t`, or a space, as RFC 3339 allows and Python's
 * `str(datetime)` writes), `hh:mm`, optional `:ss` with an optional fraction (`.` or `,`, any number
 * of digits), then no offset (local time), `Z`/`z`, or an offset `±hh:mm`, `±hhmm` (ISO 8601's basic
 * form: PHP's `DATE_ISO8601`, Python's `%z`, Java's `Z`) or `±hh`. The date must exist (no 30
 * February) and the time be a time of day (no hour 24, no second 60). Refused: a date alone, a time
 * alone, week or ordinal dates, numbers (Unix times: their unit is a guess).
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leapYear ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** True when `value` is an ISO 8601 date and time of a day that exists (see above for the forms read). */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > daysInMonth(Number(year), monthNumber)) return false;
  return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59;
}
