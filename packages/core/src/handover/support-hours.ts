/**
 * The team's opening hours (SUPPORT_HOURS in SUPPORT_TIMEZONE) and the French notice a visitor gets
 * when nobody joined the conversation in time: when to expect an answer.
 *
 * Format: comma-separated groups `<days> <HH:MM>-<HH:MM>`, days one of `lun mar mer jeu ven sam dim`
 * or a range `lun-ven`. Example: `lun-jeu 09:00-18:00, ven 09:00-12:00`.
 */

const DAY_NAMES = ['dim', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam'] as const;
const DAY_LABELS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

export interface OpeningInterval {
  /** 0 = Sunday … 6 = Saturday. */
  day: number;
  startMinute: number;
  endMinute: number;
}

export interface SupportHours {
  text: string;
  timeZone: string;
  intervals: OpeningInterval[];
}

export class SupportHoursError extends Error {
  constructor(message: string) {
    super(`SUPPORT_HOURS: ${message}`);
    this.name = 'SupportHoursError';
  }
}

const minuteOf = (text: string): number => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new SupportHoursError(`"${text}" is not a time HH:MM`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) throw new SupportHoursError(`"${text}" is not a time of day`);
  return hours * 60 + minutes;
};

const dayOf = (text: string | undefined = ""): number => {
  const index = DAY_NAMES.indexOf(text.toLowerCase().slice(0, 3) as (typeof DAY_NAMES)[number]);
  if (index < 0) throw new SupportHoursError(`"${text}" is not a day (lun mar mer jeu ven sam dim)`);
  return index;
};

export function parseSupportHours(text: string, timeZone: string): SupportHours {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone });
  } catch {
    throw new SupportHoursError(`unknown time zone "${timeZone}" (SUPPORT_TIMEZONE)`);
  }
  const intervals: OpeningInterval[] = [];
  for (const group of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^(\S+)\s+(\S+)-(\S+)$/.exec(group);
    if (!match) throw new SupportHoursError(`"${group}" is not "<days> HH:MM-HH:MM"`);
    const [, days, start, end] = match as unknown as [string, string, string, string];
    const startMinute = minuteOf(start);
    const endMinute = minuteOf(end);
    if (endMinute <= startMinute) throw new SupportHoursError(`"${group}" ends before it starts`);
    const [first, last = first] = days.split('-');
    const from = dayOf(first!);
    const to = dayOf(last);
    for (let day = from, steps = 0; steps < 7; day = (day + 1) % 7, steps += 1) {
      intervals.push({ day, startMinute, endMinute });
      if (day === to) break;
    }
  }
  if (intervals.length === 0) throw new SupportHoursError('no opening hours given');
  return { text, timeZone, intervals };
}

/** Weekday and minute of the day of `at` in the time zone. */
function zonedClock(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(value('weekday'));
  return { day, minute: Number(value('hour')) * 60 + Number(value('minute')) };
}

const frenchTime = (minute: number): string => {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, '0')}`;
};

export type SupportAvailability =
  | { open: true; closesAtMinute: number }
  | { open: false; dayOffset: number; day: number; opensAtMinute: number };

export function availabilityAt(hours: SupportHours, at: Date): SupportAvailability {
  const now = zonedClock(at, hours.timeZone);
  const current = hours.intervals.find((interval) => interval.day === now.day && interval.startMinute <= now.minute && now.minute < interval.endMinute);
  if (current) return { open: true, closesAtMinute: current.endMinute };
  for (let dayOffset = 0; dayOffset <= 7; dayOffset += 1) {
    const day = (now.day + dayOffset) % 7;
    const next = hours.intervals
      .filter((interval) => interval.day === day && (dayOffset > 0 || interval.startMinute > now.minute))
      .sort((a, b) => a.startMinute - b.startMinute)[0];
    if (next) return { open: false, dayOffset, day, opensAtMinute: next.startMinute };
  }
  throw new SupportHoursError('no opening in the coming week');
}

/** The French notice for a visitor nobody answered yet. */
export function waitingNoticeText(hours: SupportHours, at: Date): string {
  const availability = availabilityAt(hours, at);
  if (availability.open) {
    return (
      "Merci pour ta patience 🙏 Toute l'équipe est occupée pour le moment : une personne te répond ici dès que possible, " +
      `au plus tard avant ${frenchTime(availability.closesAtMinute)} aujourd'hui. Ton message est bien noté, tu n'as rien à renvoyer.`
    );
  }
  const when =
    availability.dayOffset === 0
      ? `aujourd'hui à ${frenchTime(availability.opensAtMinute)}`
      : availability.dayOffset === 1
        ? `demain à ${frenchTime(availability.opensAtMinute)}`
        : `${DAY_LABELS[availability.day]} à ${frenchTime(availability.opensAtMinute)}`;
  return (
    `Merci pour ta patience 🙏 L'équipe est joignable ${describeHours(hours)} et n'est pas disponible en ce moment. ` +
    `Une personne te répondra ici ${when}. Ton message est bien noté, tu n'as rien à renvoyer.`
  );
}

/** "du lundi au vendredi de 9 h à 18 h" style description of the hours. */
export function describeHours(hours: SupportHours): string {
  const groups = new Map<string, number[]>();
  for (const interval of hours.intervals) {
    const key = `${interval.startMinute}-${interval.endMinute}`;
    groups.set(key, [...(groups.get(key) ?? []), interval.day]);
  }
  const parts: string[] = [];
  for (const [key, days] of groups) {
    const [start, end] = key.split('-').map(Number) as [number, number];
    const ordered = [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    const consecutive = ordered.every((day, index) => index === 0 || (ordered[index - 1]! + 1) % 7 === day);
    const dayText =
      ordered.length === 1
        ? `le ${DAY_LABELS[ordered[0]!]}`
        : consecutive
          ? `du ${DAY_LABELS[ordered[0]!]} au ${DAY_LABELS[ordered[ordered.length - 1]!]}`
          : `les ${ordered.map((day) => DAY_LABELS[day]).join(', ')}`;
    parts.push(`${dayText} de ${frenchTime(start)} à ${frenchTime(end)}`);
  }
  return parts.join(' et ');
}

/**
 * For process entry points (API, worker): the support hours of the settings, or exit code 1 with
 * the message naming SUPPORT_HOURS / SUPPORT_TIMEZONE. Both refuse a typo: the API must not run
 * beside workers that cannot start. Library code calls `parseSupportHours`.
 */
export function parseSupportHoursOrExit(settings: { SUPPORT_HOURS: string; SUPPORT_TIMEZONE: string }, processName: string): SupportHours {
  try {
    return parseSupportHours(settings.SUPPORT_HOURS, settings.SUPPORT_TIMEZONE);
  } catch (error) {
    if (!(error instanceof SupportHoursError)) throw error;
    process.stderr.write(`${processName} cannot start: ${error.message}\n`);
    process.exit(1);
  }
}
