import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, NOW, OTHER_BRANCH, PURCHASES, makeFixture, type Fixture } from './fixture.js';
import { addPurchases } from '../../support/purchases.js';
import { buyersSource, metricsSql } from '../../../src/branch/reports/metrics.js';
import { probabilityAlive, type BgNbdParams } from '../../../src/shared/analytics/bgnbd.js';

/**
 * Period cuts read whole months from report_customer_months and the partial
 * months at either end from the transactions. Every number here is computed
 * from the purchases by plain JavaScript (local WIB days, sums), for periods
 * made of whole months, with partial ends, inside one month, open at either
 * end, and after voids; periods to the present through the tails rollup
 * (and that they take that path); and the rollup tables are compared with their views.
 */
const WIB = 7 * 3_600_000;
const DAY = 86_400_000;

/** Purchases straddling midnight and month ends in WIB, added to the shared fixture's. */
const EXTRA = [
  // 23:30 on 31 Jan and 01:30 on 1 Feb WIB: one UTC day, two local days in two months.
  { key: 'B', occurredAt: '2026-01-31T16:30:00.000Z', amount: 700_000, cost: 300_000 },
  { key: 'B', occurredAt: '2026-01-31T18:30:00.000Z', amount: 800_000, cost: 350_000 },
  // Two sales on one local day (09:00 and 22:00 WIB on 14 Feb): one purchase day.
  { key: 'J', occurredAt: '2026-02-14T02:00:00.000Z', amount: 120_000, cost: 60_000 },
  { key: 'J', occurredAt: '2026-02-14T15:00:00.000Z', amount: 130_000, cost: 60_000 },
  // A refund at the very start of a period's partial end.
  { key: 'A', occurredAt: '2025-12-19T17:00:00.000Z', kind: 'refund' as const, amount: 250_000, cost: 100_000 },
];

interface P {
  key: string;
  occurredAt: string;
  kind?: 'sale' | 'refund';
  amount: number;
  cost?: number;
  branchId?: string;
}

let fx: Fixture;
let all: (P & { id: string })[];
let model: BgNbdParams;
const voided = new Set<string>();

beforeAll(async () => {
  fx = await makeFixture();
  const ids = addPurchases(fx.branch.core, EXTRA.map(({ key, ...p }) => ({ customerId: fx.ids[key], ...p })));
  all = [...PURCHASES.map((p, i) => ({ ...p, id: fx.txIds[i] })), ...EXTRA.map((p, i) => ({ ...p, id: ids[i] }))];
  model = (await fx.branch.ok('reports.fitPrediction', {})).params;
});
afterAll(() => fx?.branch.cleanup());

const archived = new Set(CUSTOMERS.filter((c) => c.archived).map((c) => c.key));
const localDay = (iso: string) => new Date(Date.parse(iso) + WIB).toISOString().slice(0, 10);
const midnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`) - WIB;

interface Period {
  from?: string;
  to?: string;
  branchId?: string;
}
interface Expected {
  sales: number;
  saleDays: number;
  revenue: number;
  cogs: number;
  lastSaleAt: string;
  firstAt: string;
}

/** Per buyer in the period, from the purchases alone. */
function expected(period: Period): { end: number; buyers: Map<string, Expected> } {
  const start = period.from ? midnight(period.from) : -Infinity;
  const end = period.to ? Math.min(midnight(period.to) + DAY, NOW.getTime()) : NOW.getTime();
  const inside = all.filter((p) => {
    const t = Date.parse(p.occurredAt);
    return t >= start && t < end && !archived.has(p.key) && !voided.has(p.id) && (!period.branchId || (p.branchId ?? 'own') === period.branchId);
  });
  const buyers = new Map<string, Expected>();
  for (const key of new Set(inside.filter((p) => (p.kind ?? 'sale') === 'sale').map((p) => p.key))) {
    const mine = inside.filter((p) => p.key === key);
    const sales = mine.filter((p) => (p.kind ?? 'sale') === 'sale');
    const sign = (p: P) => ((p.kind ?? 'sale') === 'sale' ? 1 : -1);
    const times = sales.map((p) => p.occurredAt).sort();
    buyers.set(key, {
      sales: sales.length,
      // Days per selling branch, added up (a day at two branches counts at each).
      saleDays: new Set(sales.map((p) => `${p.branchId ?? 'own'} ${localDay(p.occurredAt)}`)).size,
      revenue: mine.reduce((s, p) => s + sign(p) * p.amount, 0),
      cogs: mine.reduce((s, p) => s + sign(p) * (p.cost ?? 0), 0),
      lastSaleAt: times[times.length - 1],
      firstAt: times[0],
    });
  }
  return { end, buyers };
}

const frequencyOf = (e: Expected, end: number) => {
  const perYear = (e.saleDays * 365) / Math.max(365, Math.floor(end / DAY) - Math.floor(Date.parse(e.firstAt) / DAY));
  return perYear < 1.5 ? 'once' : perYear < 2.5 ? 'twice' : perYear < 5.5 ? 'threeToFive' : 'overFive';
};

const PERIODS: [string, Period][] = [
  ['whole months (January to June)', { from: '2026-01-01', to: '2026-06-30' }],
  ['partial months at both ends', { from: '2025-12-20', to: '2026-07-10' }],
  ['inside one month', { from: '2026-10-02', to: '2026-10-20' }],
  ['one day: the local 1 February', { from: '2026-02-01', to: '2026-02-01' }],
  ['from the first purchase to the end of August', { to: '2026-08-31' }],
  ['from mid-March to now', { from: '2026-03-15' }],
  ['another selling branch, partial months', { from: '2026-09-15', to: '2026-10-31', branchId: OTHER_BRANCH }],
];

/**
 * Periods with nothing sold after their end, of every branch: read from the
 * tails rollup (0019), each with the part of the month it starts in from the
 * transactions where it starts inside one.
 */
const TAIL_PERIODS: [string, Period][] = [
  ['the last 12 months to now', { from: '2025-11-23' }],
  ['from a month start to the day after the last sale', { from: '2025-12-01', to: '2026-11-21' }],
  ['from 31 January: the 23:30 WIB sale inside the first part, 01:30 in February', { from: '2026-01-31' }],
  ['from 2 August: a buyer of that part alone (J)', { from: '2026-08-02' }],
  ['from 13 December 2025: a refund alone in that part (A)', { from: '2025-12-13' }],
  ['from 14 February: two sales of one day in the first part', { from: '2026-02-14' }],
  ['the last two years', { from: '2024-11-23' }],
];
const resolved = (period: Period) => fx.branch.core.services.reports.ctx.period({ from: period.from ?? null, to: period.to ?? null, branchId: period.branchId ?? null });
const viaTails = (period: Period) =>
  metricsSql(fx.branch.core.services.reports.ctx.period({ from: period.from ?? null, to: period.to ?? null, branchId: period.branchId ?? null }), {}).includes('report_customer_tails');

async function checkPeriod(period: Period) {
  const { end, buyers } = expected(period);
  const input = { period: { from: period.from ?? null, to: period.to ?? null, branchId: period.branchId ?? null } };
  const list = await fx.branch.ok('reports.customers', { ...input, filter: { buyers: 'buyers' }, limit: 100 });
  const byId = new Map(Object.entries(fx.ids).map(([k, id]) => [id, k]));
  const got = Object.fromEntries(
    list.rows.map((r: { id: string; sales: number; saleDays: number; revenue: number; cogs: number; lastSaleAt: string }) => [
      byId.get(r.id),
      { sales: r.sales, saleDays: r.saleDays, revenue: r.revenue, cogs: r.cogs, lastSaleAt: r.lastSaleAt },
    ]),
  );
  const want = Object.fromEntries([...buyers].map(([k, e]) => [k, { sales: e.sales, saleDays: e.saleDays, revenue: e.revenue, cogs: e.cogs, lastSaleAt: e.lastSaleAt }]));
  expect(got).toEqual(want);
  expect(list.total).toBe(buyers.size);

  const rfm = await fx.branch.ok('reports.rfm', input);
  expect(rfm.buyers).toBe(buyers.size);
  const freq: Record<string, number> = {};
  for (const e of buyers.values()) freq[frequencyOf(e, end)] = (freq[frequencyOf(e, end)] ?? 0) + 1;
  expect(Object.fromEntries(rfm.frequency.filter((b: { customers: number }) => b.customers > 0).map((b: { bucket: string; customers: number }) => [b.bucket, b.customers]))).toEqual(freq);
  const revenue = [...buyers.values()].reduce((s, e) => s + e.revenue, 0);
  expect(rfm.segments.reduce((s: number, b: { revenue: number }) => s + b.revenue, 0)).toBe(revenue);

  const top = await fx.branch.ok('reports.top', input);
  const bySpend = [...buyers].sort((a, b) => b[1].revenue - a[1].revenue || (fx.ids[a[0]] < fx.ids[b[0]] ? -1 : 1));
  expect(top.bySpend.map((r: { revenue: number }) => r.revenue)).toEqual(bySpend.slice(0, 10).map(([, e]) => e.revenue));

  const profit = await fx.branch.ok('reports.profitability', input);
  expect(profit.totals).toMatchObject({ customers: buyers.size, revenue, cogs: [...buyers.values()].reduce((s, e) => s + e.cogs, 0) });

  // Prediction: each buyer's P(alive) from their purchase days, first and last sale in the period (UTC days, weeks), by tenth.
  const prediction = await fx.branch.ok('reports.prediction', input);
  const day = (iso: string) => Math.floor(Date.parse(iso) / DAY);
  const bins = Array.from({ length: 10 }, () => ({ customers: 0, revenue: 0 }));
  for (const e of buyers.values()) {
    const p = probabilityAlive(model, e.saleDays - 1, (day(e.lastSaleAt) - day(e.firstAt)) / 7, (Math.floor(end / DAY) - day(e.firstAt)) / 7);
    const bin = bins[Math.min(9, Math.trunc(p * 10))];
    bin.customers += 1;
    bin.revenue += e.revenue;
  }
  expect(prediction.distribution.map((d: { customers: number; revenue: number }) => ({ customers: d.customers, revenue: d.revenue }))).toEqual(bins);
}

describe('period cuts from the month rollups', () => {
  for (const [name, period] of PERIODS) it(`${name}: the numbers computed from the purchases`, () => checkPeriod(period));
  for (const [name, period] of TAIL_PERIODS) it(`${name} (tails): the numbers computed from the purchases`, () => checkPeriod(period));

  it('reads the tails rollup only for a period of every branch with nothing sold after it', () => {
    for (const [, period] of TAIL_PERIODS) expect(viaTails(period)).toBe(true);
    // Sales after the end, one branch, no whole month (the transactions alone): not the tails.
    expect(viaTails({ from: '2025-12-20', to: '2026-07-10' })).toBe(false);
    expect(viaTails({ from: '2025-11-23', branchId: OTHER_BRANCH })).toBe(false);
    expect(viaTails({ from: '2026-10-10' })).toBe(false);
  });

  it('reads a cut of every branch with a whole month in it from the tails, adjusted in the pass (buyersSource)', () => {
    const shape = (period: Period) => {
      const adjusted = buyersSource(resolved(period), {}).adjusted;
      return adjusted && { parts: adjusted.parts.map((p) => p.which), later: adjusted.later !== null, alone: adjusted.alone !== null };
    };
    // To now: the part before the first whole month, nothing to take away.
    expect(shape({ from: '2026-08-02' })).toEqual({ parts: ['before'], later: false, alone: true });
    // Closed: both parts, and the rows from the month after its whole months to take away.
    expect(shape({ from: '2025-12-20', to: '2026-07-10' })).toEqual({ parts: ['before', 'after'], later: true, alone: true });
    expect(shape({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ parts: [], later: true, alone: false });
    // All history, from a month's first day to now, one branch's period, no whole month: buyersSql as it is.
    expect(shape({})).toBeNull();
    expect(shape({ from: '2025-12-01' })).toBeNull();
    expect(shape({ from: '2025-11-23', branchId: OTHER_BRANCH })).toBeNull();
    expect(shape({ from: '2026-10-02', to: '2026-10-20' })).toBeNull();
  });

  it('counts a purchase day in the branch zone: 23:30 and 01:30 WIB are two days, 09:00 and 22:00 one', async () => {
    const list = await fx.branch.ok('reports.customers', { period: { from: '2026-01-31', to: '2026-02-14', branchId: null }, filter: { buyers: 'buyers' }, limit: 100 });
    const b = list.rows.find((r: { id: string }) => r.id === fx.ids.B);
    const j = list.rows.find((r: { id: string }) => r.id === fx.ids.J);
    expect({ sales: b.sales, saleDays: b.saleDays }).toEqual({ sales: 2, saleDays: 2 });
    expect({ sales: j.sales, saleDays: j.saleDays }).toEqual({ sales: 2, saleDays: 1 });
  });

  it('follows voids: a voided sale leaves its month, its day and its customer at once', async () => {
    const { transactions, capture } = fx.branch.core.services;
    const target = all.filter((p) => p.key === 'B' && p.occurredAt.startsWith('2026-01-31'));
    const sameDayJ = all.find((p) => p.key === 'J' && p.occurredAt === '2026-02-14T02:00:00.000Z')!;
    capture.transaction(() => {
      for (const p of [...target, sameDayJ]) expect(transactions.void(p.id, NOW.toISOString())).toBe(true);
    });
    for (const p of [...target, sameDayJ]) voided.add(p.id);
    for (const [, period] of [...PERIODS.slice(0, 4), ...TAIL_PERIODS]) await checkPeriod(period);
    await checkPeriod({});
  });

  it('keeps every rollup equal to its definition (the views) after inserts and voids', () => {
    const db = fx.branch.core.services.db.sqlite;
    const diff = (table: string, view: string) =>
      db.prepare(`SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT SELECT * FROM ${view}) `).pluck().get() as number;
    expect(diff('report_customer_months', 'report_customer_months_source')).toBe(0);
    expect(diff('report_customer_months_source', 'report_customer_months')).toBe(0);
    expect(diff('report_customer_tails', 'report_customer_tails_source')).toBe(0);
    expect(diff('report_customer_tails_source', 'report_customer_tails')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM report_customer_tails').pluck().get()).toBeGreaterThan(0);
    const facts = 'customer_id, branch_id, first_sale_at, last_sale_at, first_sale_day, last_sale_day, first_sale_amount, sales, sale_days, sales_amount, sales_cost, discount, items, refunds, refund_amount, refund_cost';
    expect(db.prepare(`SELECT count(*) FROM (SELECT ${facts} FROM report_customer_facts EXCEPT SELECT ${facts} FROM report_customer_facts_source)`).pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM report_customer_facts').pluck().get()).toBe(db.prepare('SELECT count(*) FROM report_customer_facts_source').pluck().get());
    const hours = 'hour, branch_id, sales, sales_amount, sales_cost, discount, items, refunds, refund_amount, refund_cost';
    expect(db.prepare(`SELECT count(*) FROM (SELECT ${hours} FROM report_sales_hours EXCEPT SELECT ${hours} FROM report_sales_hours_source)`).pluck().get()).toBe(0);
  });
});
