import type { BranchTimeZone } from '../../shared/domain/dates.js';
import type { Rupiah } from '../../shared/domain/money.js';
import { DemoRandom, Weighted } from './random.js';

/**
 * The buying process of one customer over the last three years: when they
 * buy (shop hours in the branch's zone, busier on weekends, paydays, before
 * Lebaran and in December) and for how much (log-normal baskets).
 * Frequency follows the shape REQUIREMENTS A2 quotes: most customers buy
 * once a year, a few often.
 */

export interface DemoPurchase {
  /** UTC instant, ISO 8601. */
  occurredAt: string;
  /** What the customer paid (after discount), integer Rupiah. */
  amount: Rupiah;
  /** Cost of the goods sold (or returned). */
  cost: Rupiah;
  /** What was taken off the list price. */
  discount: Rupiah;
  itemCount: number;
  kind: 'sale' | 'refund';
}

export type PurchaseSegment = 'prospect' | 'once' | 'twice' | 'regular' | 'frequent';
export type Lifecycle = 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed';

const UTC_OFFSET_HOURS: Record<BranchTimeZone, number> = { WIB: 7, WITA: 8, WIT: 9 };
const DAY_MS = 86_400_000;

// Idul Fitri (1 Syawal) as observed in Indonesia: shops close, and the weeks before are the busiest of the year.
const LEBARAN = ['2022-05-02', '2023-04-22', '2024-04-10', '2025-03-31', '2026-03-20', '2027-03-10', '2028-02-27', '2029-02-14', '2030-02-05'];
const WEEKDAY = [1.3, 0.85, 0.85, 0.9, 0.9, 1.0, 1.35]; // Sunday first
const MONTH = [0.9, 0.9, 1, 1, 1, 1.05, 1.1, 1, 0.95, 1, 1.05, 1.25];
// Shops open 08:00-21:00 local; lunch and after-work peaks.
const HOURS = new Weighted([[8, 0.4], [9, 0.7], [10, 1], [11, 1.2], [12, 1.3], [13, 1.1], [14, 0.9], [15, 0.9], [16, 1], [17, 1.2], [18, 1.3], [19, 1.3], [20, 0.8]] as const);

/** The local calendar of the purchase window, with a sampling weight per day. */
export class PurchaseCalendar {
  /** UTC ms of local midnight of each day in the window, oldest first. */
  private readonly dayStart: Float64Array;
  private readonly cumulative: Float64Array;
  readonly days: number;

  constructor(now: Date, timeZone: BranchTimeZone, years = 3) {
    const offset = UTC_OFFSET_HOURS[timeZone] * 3_600_000;
    // Local midnight of today; the window ends yesterday so no sale lies in the future.
    const localToday = Math.floor((now.getTime() + offset) / DAY_MS) * DAY_MS;
    this.days = Math.round(years * 365.25);
    this.dayStart = new Float64Array(this.days);
    this.cumulative = new Float64Array(this.days);
    const lebaran = LEBARAN.map((d) => Date.parse(`${d}T00:00:00Z`));
    let sum = 0;
    for (let i = 0; i < this.days; i++) {
      const local = localToday - (this.days - i) * DAY_MS;
      this.dayStart[i] = local - offset;
      const date = new Date(local);
      const dom = date.getUTCDate();
      let w = WEEKDAY[date.getUTCDay()] * MONTH[date.getUTCMonth()];
      if (dom >= 25 || dom <= 3) w *= 1.15; // payday
      for (const l of lebaran) {
        const daysBefore = (l - local) / DAY_MS;
        if (daysBefore > 0 && daysBefore <= 25) w *= 1.7;
        else if (daysBefore <= 0 && daysBefore > -2) w *= 0.15;
      }
      sum += w;
      this.cumulative[i] = sum;
    }
  }

  /** A day in [from, to) weighted by how busy shops are. */
  day(rng: DemoRandom, from: number, to: number): number {
    const lo0 = from > 0 ? this.cumulative[from - 1] : 0;
    const target = lo0 + rng.next() * (this.cumulative[to - 1] - lo0);
    let lo = from;
    let hi = to - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** An instant during shop hours of the day, as a UTC ISO string. */
  instant(rng: DemoRandom, day: number): string {
    const seconds = HOURS.pick(rng) * 3600 + rng.int(0, 3599);
    return new Date(this.dayStart[day] + seconds * 1000).toISOString();
  }
}

/** Knobs fitted so the data set has about the requested number of transactions. */
export interface PurchaseRates {
  /** Multiplies the yearly chance that a once-a-year customer buys (at most 1). */
  once: number;
  /** Multiplies the yearly counts of the other segments. */
  rest: number;
}

const SEGMENTS = new Weighted<PurchaseSegment>([['once', 72], ['twice', 16], ['regular', 7], ['frequent', 5]]);

export interface CustomerPurchases {
  segment: PurchaseSegment;
  lifecycle: Lifecycle;
  purchases: DemoPurchase[];
}

/** `limit` caps the rows (the data set's transaction budget); the stage follows what is kept. */
export function simulatePurchases(rng: DemoRandom, calendar: PurchaseCalendar, rates: PurchaseRates, limit = Infinity): CustomerPurchases {
  const days = calendar.days;
  if (rng.chance(0.08)) return { segment: 'prospect', lifecycle: 'prospect', purchases: [] };
  const segment = SEGMENTS.pick(rng);
  // Over half were already customers when the window opens; the rest joined since.
  const since = rng.chance(0.55) ? 0 : rng.int(0, days - 1);
  // A fifth stop buying at some point (moved away, went to a competitor).
  const until = rng.chance(0.2) ? rng.int(since + 1, days) : days;
  const onceChance = Math.min(1, (0.55 + 0.45 * rng.next()) * rates.once);
  const yearly = segment === 'twice' ? 2 : segment === 'regular' ? 3 + 2 * rng.next() : 6 * Math.exp(rng.next() * 1.4);
  // Frequent buyers fill smaller baskets.
  const basket = rng.logNormal(250_000, 0.6) * (segment === 'frequent' ? 0.5 : 1);
  const saleDays: number[] = [];
  // Calendar years of the window, counted back from today: a once-a-year buyer buys at most once in each.
  for (let start = days % 365; start < days; start += 365) {
    const from = Math.max(start === days % 365 ? 0 : start, since);
    const end = Math.min(start + 365, until);
    if (from >= end) continue;
    const fraction = (end - from) / 365;
    // A customer who joined in the window joined by buying.
    const joinedHere = since > 0 && from === since;
    if (segment === 'once') {
      if (joinedHere) saleDays.push(since);
      else if (rng.chance(onceChance * fraction)) saleDays.push(calendar.day(rng, from, end));
    } else {
      const n = rng.poisson(yearly * rates.rest * fraction) + (joinedHere ? 1 : 0);
      for (let k = 0; k < n; k++) saleDays.push(joinedHere && k === 0 ? since : calendar.day(rng, from, end));
    }
  }
  saleDays.sort((a, b) => a - b);
  if (saleDays.length > limit) saleDays.length = Math.max(0, limit);
  if (saleDays.length === 0) return { segment, lifecycle: 'prospect', purchases: [] };
  const purchases: DemoPurchase[] = [];
  let refundRoom = limit - saleDays.length;
  for (const day of saleDays) {
    const sale = saleOf(rng, basket, calendar.instant(rng, day));
    purchases.push(sale);
    // About 1.5% of sales come back within two weeks, wholly or in part.
    if (rng.chance(0.015) && refundRoom > 0) {
      const back = day + rng.int(1, 14);
      // A refund never precedes its sale, nor lies in the future.
      if (back < days) {
        purchases.push(refundOf(rng, sale, calendar.instant(rng, back)));
        refundRoom--;
      }
    }
  }
  purchases.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  return { segment, lifecycle: lifecycleOf(saleDays[0], saleDays[saleDays.length - 1], days), purchases };
}

function lifecycleOf(firstDay: number, lastDay: number, days: number): Lifecycle {
  const sinceLast = days - lastDay;
  if (days - firstDay <= 90) return 'new';
  if (sinceLast <= 180) return 'active';
  if (sinceLast <= 365) return 'at_risk';
  return 'lapsed';
}

/** Prices end in 500 or 000 Rupiah. */
function roundPrice(value: number): Rupiah {
  const step = value < 100_000 ? 500 : 1000;
  return Math.max(step, Math.round(value / step) * step);
}

function saleOf(rng: DemoRandom, basket: number, occurredAt: string): DemoPurchase {
  const gross = roundPrice(Math.min(250_000_000, Math.max(5_000, rng.logNormal(basket, 0.7))));
  const itemCount = 1 + rng.poisson(Math.min(12, gross / 150_000));
  let discount = 0;
  if (rng.chance(0.18)) discount = Math.min(gross - 1000, Math.round((gross * (0.05 + 0.15 * rng.next())) / 1000) * 1000);
  discount = Math.max(0, discount);
  const amount = gross - discount;
  // Goods cost 55-80% of the list price; a discount eats into the margin, capped at 85% of what was paid.
  const cost = Math.min(Math.round(amount * 0.85), Math.round(gross * (0.55 + 0.25 * rng.next())));
  return { occurredAt, amount, cost, discount, itemCount, kind: 'sale' };
}

function refundOf(rng: DemoRandom, sale: DemoPurchase, occurredAt: string): DemoPurchase {
  const whole = sale.itemCount === 1 || rng.chance(0.6);
  const items = whole ? sale.itemCount : rng.int(1, sale.itemCount - 1);
  const share = items / sale.itemCount;
  return {
    occurredAt,
    amount: Math.round(sale.amount * share),
    cost: Math.round(sale.cost * share),
    discount: 0,
    itemCount: items,
    kind: 'refund',
  };
}

/**
 * Finds rates giving about `perCustomer` transactions per customer, by
 * simulating a sample with a private PRNG (so the main stream is untouched).
 */
export function fitRates(calendar: PurchaseCalendar, perCustomer: number, seed: number): PurchaseRates {
  const sample = 20_000;
  const count = (rates: PurchaseRates) => {
    const rng = new DemoRandom([seed, 0x5eed]);
    let n = 0;
    for (let i = 0; i < sample; i++) n += simulatePurchases(rng, calendar, rates).purchases.length;
    return n / sample;
  };
  const onceOnly = count({ once: 1, rest: 0 });
  const withRest = count({ once: 1, rest: 1 });
  // Buyers who joined in the window always have their first purchase, whatever the rates.
  const floor = count({ once: 0, rest: 0 });
  if (perCustomer <= floor) return { once: 0, rest: 0 };
  if (perCustomer <= onceOnly) return { once: (perCustomer - floor) / (onceOnly - floor), rest: 0 };
  return { once: 1, rest: (perCustomer - onceOnly) / (withRest - onceOnly) };
}
