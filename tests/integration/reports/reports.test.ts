import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, NOW, OTHER_BRANCH, PURCHASES, livePurchases, makeFixture, type Fixture } from './fixture.js';

/**
 * Each report against numbers computed here from the hand-made fixture with
 * plain JavaScript (day counts, sums), not by the report code or its SQL.
 */
let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture();
});
afterAll(() => fx?.branch.cleanup());

const DAY = 86_400_000;
const live = () => livePurchases();
const sales = (key?: string) => live().filter((p) => (p.kind ?? 'sale') === 'sale' && (!key || p.key === key));
const buyers = () => [...new Set(sales().map((p) => p.key))].sort();
const daysAgo = (iso: string) => (NOW.getTime() - Date.parse(iso)) / DAY;

/** Recency by whole days; no fixture purchase lies within a week of a bucket edge. */
function recency(key: string): string {
  const d = Math.min(...sales(key).map((p) => daysAgo(p.occurredAt)));
  return d < 91 ? 'under3m' : d < 183 ? 'over3m' : d < 365 ? 'over6m' : d < 730 ? 'over1y' : 'over2y';
}
function perYear(key: string): number {
  const days = new Set(sales(key).map((p) => p.occurredAt.slice(0, 10))).size;
  const tenure = Math.max(365, Math.max(...sales(key).map((p) => daysAgo(p.occurredAt))));
  return (days * 365) / tenure;
}
function frequency(key: string): string {
  const f = perYear(key);
  return f < 1.5 ? 'once' : f < 2.5 ? 'twice' : f < 5.5 ? 'threeToFive' : 'overFive';
}
function revenue(key: string): number {
  return live().filter((p) => p.key === key).reduce((s, p) => s + ((p.kind ?? 'sale') === 'sale' ? p.amount : -p.amount), 0);
}
function cogs(key: string): number {
  return live().filter((p) => p.key === key).reduce((s, p) => s + ((p.kind ?? 'sale') === 'sale' ? (p.cost ?? 0) : -(p.cost ?? 0)), 0);
}
const tally = (keys: string[], of: (k: string) => string) => keys.reduce<Record<string, number>>((m, k) => ({ ...m, [of(k)]: (m[of(k)] ?? 0) + 1 }), {});
const nonZero = (rows: { bucket: string; customers: number }[]) => Object.fromEntries(rows.filter((r) => r.customers > 0).map((r) => [r.bucket, r.customers]));

// By the definitions (src/shared/reports/rfm.ts), worked out by hand for each fixture customer.
const EXPECTED_SEGMENT: Record<string, string> = { A: 'champions', B: 'potential', C: 'new', D: 'lost', E: 'lost', G: 'new', H: 'new', J: 'loyal' };

describe('RFM (A1)', () => {
  it('counts buyers, recency, frequency and tier buckets as computed from the purchases', async () => {
    const r = await fx.branch.ok('reports.rfm', {});
    expect(r.buyers).toBe(buyers().length);
    expect(r.liveCustomers).toBe(CUSTOMERS.filter((c) => !c.archived).length);
    expect(nonZero(r.recency)).toEqual(tally(buyers(), recency));
    expect(nonZero(r.frequency)).toEqual(tally(buyers(), frequency));
    // A spends Rp108 jt a year: Platinum; everyone else stays below Rp20 jt.
    expect(nonZero(r.tiers)).toEqual({ platinum: 1, bronze: buyers().length - 1 });
    expect(nonZero(r.segments)).toEqual(tally(buyers(), (k) => EXPECTED_SEGMENT[k]));
    const revenueTotal = r.segments.reduce((s: number, b: { revenue: number }) => s + b.revenue, 0);
    expect(revenueTotal).toBe(buyers().reduce((s, k) => s + revenue(k), 0));
  });

  it('drills down from a bucket to exactly its customers, biggest spenders first', async () => {
    const list = await fx.branch.ok('reports.customers', { filter: { recency: ['under3m'] }, limit: 100 });
    const expected = buyers().filter((k) => recency(k) === 'under3m');
    expect(list.total).toBe(expected.length);
    expect(list.rows.map((r: { id: string }) => r.id).sort()).toEqual(expected.map((k) => fx.ids[k]).sort());
    const revenues = list.rows.map((r: { revenue: number }) => r.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    for (const row of list.rows) {
      const key = Object.keys(fx.ids).find((k) => fx.ids[k] === row.id)!;
      expect(row).toMatchObject({ revenue: revenue(key), cogs: cogs(key), segment: EXPECTED_SEGMENT[key], frequency: frequency(key) });
    }
  });

  it('lists the customers who bought nothing, and filters by attributes', async () => {
    const none = await fx.branch.ok('reports.customers', { filter: { buyers: 'nonBuyers' } });
    expect(none.rows.map((r: { id: string }) => r.id)).toEqual([fx.ids.F]);
    const bandung = await fx.branch.ok('reports.customers', { filter: { cities: ['Bandung'] } });
    expect(bandung.rows.map((r: { fullName: string }) => r.fullName)).toEqual(['Ani Suryani', 'Bayu Prakoso']);
    expect(bandung.rows[0].revenue).toBe(revenue('A'));
    const champions = await fx.branch.ok('reports.customers', { filter: { segments: ['champions'], cities: ['Bogor'] } });
    expect(champions.total).toBe(0);
  });

  it('cuts by period: only purchases inside it count, and recency is measured to its end', async () => {
    const period = { from: '2026-01-01', to: '2026-06-30' };
    const inside = sales().filter((p) => p.occurredAt >= '2025-12-31T17:00:00.000Z' && p.occurredAt < '2026-06-30T17:00:00.000Z');
    const r = await fx.branch.ok('reports.rfm', { period });
    expect(r.buyers).toBe(new Set(inside.map((p) => p.key)).size);
    const list = await fx.branch.ok('reports.customers', { period, filter: { buyers: 'buyers' }, limit: 100 });
    const a = list.rows.find((x: { id: string }) => x.id === fx.ids.A);
    expect(a.revenue).toBe(inside.filter((p) => p.key === 'A').reduce((s, p) => s + p.amount, 0));
    expect(a.lastSaleAt).toBe('2026-06-12T04:00:00.000Z');
  });

  it('answers a period covering all history exactly as no period', async () => {
    const all = await fx.branch.ok('reports.rfm', {});
    const wide = await fx.branch.ok('reports.rfm', { period: { from: '2000-01-01' } });
    expect({ ...wide, meta: null }).toEqual({ ...all, meta: null });
  });

  it('cuts by selling branch', async () => {
    const r = await fx.branch.ok('reports.rfm', { period: { branchId: OTHER_BRANCH } });
    expect(r.buyers).toBe(1);
    const list = await fx.branch.ok('reports.customers', { period: { branchId: OTHER_BRANCH }, filter: { buyers: 'buyers' } });
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ id: fx.ids.G, revenue: 2_000_000 });
    const branches = await fx.branch.ok('reports.branches', {});
    expect(branches.map((b: { id: string }) => b.id)).toContain(OTHER_BRANCH);
    expect(branches[0].own).toBe(true);
  });
});

describe('top customers and distribution (A2)', () => {
  it('ranks by spend and by purchase days, and shares buyers per frequency bucket', async () => {
    const top = await fx.branch.ok('reports.top', {});
    const bySpend = buyers().sort((x, y) => revenue(y) - revenue(x));
    expect(top.bySpend.map((r: { id: string }) => r.id)).toEqual(bySpend.slice(0, 10).map((k) => fx.ids[k]));
    const days = (k: string) => new Set(sales(k).map((p) => p.occurredAt.slice(0, 10))).size;
    expect(top.byFrequency[0].id).toBe(fx.ids.A);
    expect(top.byFrequency[0].saleDays).toBe(days('A'));
    expect(top.byFrequency[1].id).toBe(fx.ids.J);
    const dist = Object.fromEntries(top.distribution.map((d: { bucket: string; share: number }) => [d.bucket, d.share]));
    const counts = tally(buyers(), frequency);
    for (const [bucket, n] of Object.entries(counts)) expect(dist[bucket]).toBeCloseTo(n / buyers().length, 10);
  });
});

describe('profitability (A3)', () => {
  it('is revenue minus cost of goods minus cost to serve, with interactions and cases at their unit cost', async () => {
    const before = await fx.branch.ok('reports.profitability', {});
    // Two complaints from the biggest spender: each costs the configured unit cost to serve.
    for (const subject of ['Barang datang rusak', 'Pengiriman terlambat']) {
      await fx.branch.ok('cases.open', { customerId: fx.ids.A, channel: 'phone', category: 'product_defect', subject });
    }
    const p = await fx.branch.ok('reports.profitability', {});
    const rev = buyers().reduce((s, k) => s + revenue(k), 0);
    const cost = buyers().reduce((s, k) => s + cogs(k), 0);
    expect(p.totals).toMatchObject({ customers: buyers().length, revenue: rev, cogs: cost });
    const unit = p.costToServe.cases.unitCost;
    expect(unit).toBeGreaterThan(0);
    expect(p.costToServe.cases).toEqual({ recorded: true, table: 'cases', count: 2, unitCost: unit, total: 2 * unit });
    expect(p.totals.costToServe).toBe(before.totals.costToServe + 2 * unit);
    expect(p.totals.profit).toBe(rev - cost - p.totals.costToServe);
    const profit = (k: string) => revenue(k) - cogs(k);
    expect(p.most[0].id).toBe(fx.ids[buyers().sort((x, y) => profit(y) - profit(x))[0]]);
    expect(p.least[0].id).toBe(fx.ids[buyers().sort((x, y) => profit(x) - profit(y))[0]]);
    const platinum = p.byTier.find((t: { bucket: string }) => t.bucket === 'platinum');
    expect(platinum).toMatchObject({ customers: 1, profit: profit('A') - 2 * unit });
  });
});

describe('coverage (C6)', () => {
  it('counts valid phones, mobiles, emails and WhatsApp over live customers', async () => {
    const c = await fx.branch.ok('reports.coverage', {});
    const liveCustomers = CUSTOMERS.filter((x) => !x.archived);
    const has = (test: (x: (typeof CUSTOMERS)[number]) => boolean) => liveCustomers.filter(test).length;
    expect(c.customers).toBe(liveCustomers.length);
    expect(c.mobile).toBe(has((x) => Boolean(x.phones?.some((p) => !p.invalid && p.number.startsWith('08')))));
    expect(c.phone).toBe(has((x) => Boolean(x.phones?.some((p) => !p.invalid))));
    expect(c.email).toBe(has((x) => Boolean(x.emails?.some((e) => !e.invalid))));
    expect(c.whatsapp).toBe(has((x) => Boolean(x.phones?.some((p) => p.whatsapp && !p.invalid))));
    expect(c.validContact).toBe(has((x) => Boolean(x.phones?.some((p) => !p.invalid) || x.emails?.some((e) => !e.invalid))));
    expect(c.active).toBe(buyers().filter((k) => Math.min(...sales(k).map((p) => daysAgo(p.occurredAt))) <= 365).length);
    expect(c.social.recorded).toBe(false);
  });
});

describe('purchase patterns (A4)', () => {
  it('counts sales by month, weekday and hour in the branch zone (WIB)', async () => {
    const p = await fx.branch.ok('reports.patterns', {});
    const local = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000);
    const byMonth = new Array(12).fill(0);
    const byWeekday = new Array(7).fill(0);
    for (const s of sales()) {
      byMonth[local(s.occurredAt).getUTCMonth()] += 1;
      byWeekday[local(s.occurredAt).getUTCDay()] += 1;
    }
    // The archived customer's sale still happened: seasonality counts every sale of the branch's books.
    const archived = PURCHASES.filter((x) => x.key === 'I');
    for (const s of archived) {
      byMonth[local(s.occurredAt).getUTCMonth()] += 1;
      byWeekday[local(s.occurredAt).getUTCDay()] += 1;
    }
    expect(p.byMonth.map((m: { sales: number }) => m.sales)).toEqual(byMonth);
    expect(p.byWeekday.map((m: { sales: number }) => m.sales)).toEqual(byWeekday);
    expect(p.byHour.find((h: { hour: number }) => h.hour === 23).sales).toBe(1);
    // Line items are recorded (completed orders write them); imported transactions have none.
    expect(p.bundles).toEqual({ recorded: true, table: 'line_items', baskets: 0, pairs: [] });
  });
});

describe('access and bad input', () => {
  it('refuses front-office staff and a period that ends before it starts', async () => {
    const { core } = fx.branch;
    const clerk = { kind: 'user' as const, userId: 'u-fo', username: 'fo', displayName: 'FO', role: 'front_office' as const, locale: 'id' as const };
    expect((await core.dispatch(clerk, 'reports.rfm', {})).ok).toBe(false);
    const bad = await core.call(fx.branch.session, 'reports.rfm', { period: { from: '2026-05-01', to: '2026-04-01' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.[0]).toMatchObject({ path: ['period', 'to'], code: 'period_order' });
  });
});
