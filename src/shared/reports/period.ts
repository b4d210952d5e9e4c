import type { Period } from './filters.js';
import type { BranchTimeZone } from '../domain/dates.js';
import { RECENCY_MONTHS } from './rfm.js';

/**
 * A report period turned into what SQL compares: UTC instants of local
 * midnights (the branch's zone), the day number the summaries count in, and
 * the cut-offs of the recency buckets.
 */

export const ZONE_OFFSET_HOURS: Record<BranchTimeZone, number> = { WIB: 7, WITA: 8, WIT: 9 };
const DAY_MS = 86_400_000;

export interface ResolvedPeriod {
  /** Inclusive start (UTC ISO), or null: from the first purchase. */
  fromIso: string | null;
  /** Exclusive end (UTC ISO): local midnight after `to`, or now. */
  toIso: string;
  /** Whole UTC days since 1970 at the end of the period (the summaries' day numbers). */
  asOfDay: number;
  /** Recency bucket starts: bought at or after c3 -> under 3 months, etc. */
  cutoffs: { c3: string; c6: string; c12: string; c24: string };
  branchId: string | null;
  zoneOffsetHours: number;
  /** True when the all-time per-customer summary answers the question (no period cut). */
  allTime: boolean;
  /** The period as given, for titles and exports. */
  from: string | null;
  to: string | null;
  /**
   * The whole calendar months (branch zone) inside the period, read from the
   * month rollups: 'YYYY-MM' from (inclusive) to (exclusive), and the UTC
   * instants where they start and end; null when no whole month fits. The
   * rest of the period, [fromIso, startIso) and [endIso, toIso), is read
   * from the transactions.
   */
  months: { from: string; to: string; startIso: string; endIso: string } | null;
  /**
   * Set by the branch when no transaction (voided ones included) lies at or
   * after toIso: the period's whole months and the rest of its last month
   * are then everything from its first whole month on, which the tails
   * rollup holds already added up per customer.
   */
  nothingAfter?: boolean;
}

/** Local midnight of the first day of the month containing `ms` (local), as UTC ms. */
function monthStartUtc(ms: number, offsetHours: number): number {
  const local = new Date(ms + offsetHours * 3_600_000);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offsetHours * 3_600_000;
}

function nextMonthUtc(monthStart: number, offsetHours: number): number {
  const local = new Date(monthStart + offsetHours * 3_600_000);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - offsetHours * 3_600_000;
}

function monthKey(monthStart: number, offsetHours: number): string {
  return new Date(monthStart + offsetHours * 3_600_000).toISOString().slice(0, 7);
}

/** The whole local months of [fromMs, endMs) (fromMs null: from the beginning). */
export function wholeMonths(fromMs: number | null, endMs: number, offsetHours: number): ResolvedPeriod['months'] {
  const end = monthStartUtc(endMs, offsetHours);
  let start: number | null = null;
  if (fromMs !== null) {
    const first = monthStartUtc(fromMs, offsetHours);
    start = first === fromMs ? first : nextMonthUtc(first, offsetHours);
    if (start >= end) return null;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  // From the beginning: every month before the end (the transactions hold nothing earlier than year 1).
  return {
    from: start === null ? '0000-00' : monthKey(start, offsetHours),
    to: monthKey(end, offsetHours),
    startIso: start === null ? '' : iso(start),
    endIso: iso(end),
  };
}

function localMidnightUtc(date: string, offsetHours: number): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - offsetHours * 3_600_000;
}

/** The same instant `months` calendar months earlier (clamped to the month's end). */
export function monthsBefore(ms: number, months: number, offsetHours: number): number {
  const local = new Date(ms + offsetHours * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(local.getUTCDate(), lastDay));
  return target.getTime() - offsetHours * 3_600_000;
}

export function resolvePeriod(period: Period, zone: BranchTimeZone, now: Date): ResolvedPeriod {
  const offset = ZONE_OFFSET_HOURS[zone];
  // The end is exclusive; an open end takes in what happened at this very instant too.
  const nowMs = now.getTime() + 1;
  const fromMs = period.from ? localMidnightUtc(period.from, offset) : null;
  const endMs = period.to ? Math.min(localMidnightUtc(period.to, offset) + DAY_MS, nowMs) : nowMs;
  const iso = (ms: number) => new Date(ms).toISOString();
  const c = (key: keyof typeof RECENCY_MONTHS) => iso(monthsBefore(endMs, RECENCY_MONTHS[key], offset));
  return {
    fromIso: fromMs === null ? null : iso(fromMs),
    toIso: iso(endMs),
    asOfDay: Math.floor(endMs / DAY_MS),
    cutoffs: { c3: c('under3m'), c6: c('over3m'), c12: c('over6m'), c24: c('over1y') },
    branchId: period.branchId,
    zoneOffsetHours: offset,
    allTime: fromMs === null && endMs >= nowMs,
    from: period.from,
    to: period.to,
    months: wholeMonths(fromMs, endMs, offset),
  };
}
