/**
 * Dates and times. Instants are stored in UTC (ISO 8601 strings); calendar
 * dates such as a birth date are plain YYYY-MM-DD with no zone. A branch shows
 * instants in its own zone: WIB, WITA or WIT.
 */
export const TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;

export type BranchTimeZone = keyof typeof TIME_ZONES;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Today's calendar date in a branch zone, as YYYY-MM-DD. */
export function todayIn(zone: BranchTimeZone, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONES[zone], year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

type DateStyle = 'short' | 'medium';

/** 22 Nov 2026 (medium) or 22/11/2026 (short), for a YYYY-MM-DD calendar date. */
export function formatCalendarDate(value: string, locale: 'id' | 'en' = 'id', style: DateStyle = 'medium'): string {
  if (!isIsoDate(value)) return value;
  const [y, m, d] = value.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return formatWith(dt, locale, style, 'UTC');
}

/** An instant shown in a branch zone with its abbreviation: 22 Nov 2026 14.05 WIB. */
export function formatInstant(iso: string, zone: BranchTimeZone, locale: 'id' | 'en' = 'id'): string {
  const dt = new Date(iso);
  if (Number.isNaN(dt.getTime())) return iso;
  const date = formatWith(dt, locale, 'medium', TIME_ZONES[zone]);
  const time = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: TIME_ZONES[zone], hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(dt);
  return `${date} ${time} ${zone}`;
}

function formatWith(dt: Date, locale: 'id' | 'en', style: DateStyle, timeZone: string): string {
  const tag = locale === 'id' ? 'id-ID' : 'en-GB';
  if (style === 'short') {
    return new Intl.DateTimeFormat(tag, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(dt);
  }
  // "22 Nov 2026": Intl's id-ID short month is "Nov" but adds no dots; en-GB gives "22 Nov 2026" too.
  return new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(dt).replace(/\./g, '');
}

/** Age in whole years on a given day. */
export function ageOn(birthDate: string, today: string): number | null {
  if (!isIsoDate(birthDate) || !isIsoDate(today)) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** UTC offsets of the branch zones: Indonesia keeps no daylight saving time, so they never change. */
export const ZONE_OFFSETS: Record<BranchTimeZone, string> = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' };

/** The UTC instants [start, end) of a calendar day in a branch zone. */
export function dayBoundsUtc(date: string, zone: BranchTimeZone): { start: string; end: string } {
  const start = new Date(`${date}T00:00:00${ZONE_OFFSETS[zone]}`);
  return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() };
}

/** An instant as the calendar day and the time of day in a branch zone: ['2026-12-03', '09:30']. */
export function localDateTime(iso: string, zone: BranchTimeZone): [string, string] {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONES[zone], year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return [`${p('year')}-${p('month')}-${p('day')}`, `${p('hour')}:${p('minute')}`];
}

/** A calendar day and a time of day in a branch zone as an ISO instant with its offset: 2026-12-03T09:30:00+07:00. */
export function zonedInstant(date: string, time: string, zone: BranchTimeZone): string {
  return `${date}T${time}:00${ZONE_OFFSETS[zone]}`;
}
