import { localDateTime, todayIn, type BranchTimeZone } from '../../shared/domain/dates.js';

/** 09.30 (Indonesian) or 09:30 (English): the time of day in the branch's zone. */
export function clock(iso: string, zone: BranchTimeZone, locale: 'id' | 'en'): string {
  const hm = localDateTime(iso, zone)[1];
  return locale === 'id' ? hm.replace(':', '.') : hm;
}

/** 09.00–11.00 */
export function span(starts: string, ends: string, zone: BranchTimeZone, locale: 'id' | 'en'): string {
  return `${clock(starts, zone, locale)}–${clock(ends, zone, locale)}`;
}

/** A calendar day moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A calendar day moved by whole months (31 Jan + 1 month: the last day of February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** The next half hour from now in the branch's zone, as [date, "HH:MM"]. */
export function nextHalfHour(zone: BranchTimeZone, now = new Date()): [string, string] {
  const next = new Date(Math.ceil(now.getTime() / 1_800_000) * 1_800_000);
  const [date, time] = localDateTime(next.toISOString(), zone);
  return [date, time];
}

export { todayIn };
