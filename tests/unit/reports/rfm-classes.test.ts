import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rfmCellKey } from '../../../src/shared/reports/rfm.js';
import { resolvePeriod } from '../../../src/shared/reports/period.js';
import { DEFAULT_REPORT_SETTINGS } from '../../../src/shared/reports/settings.js';
import { periodSchema } from '../../../src/shared/reports/filters.js';
import { rfmClasses, rfmSql, type SqlParams } from '../../../src/branch/reports/metrics.js';
import { expectedSql, pAliveSql, predictBuyer, valueSql } from '../../../src/branch/reports/prediction-model.js';
import { registerReportFunctions } from '../../../src/branch/reports/sql-functions.js';
import type { ReportContext } from '../../../src/branch/reports/context.js';
import { filterSql } from '../../../src/branch/reports/customer-filter.js';
import { rfmMatcher } from '../../../src/branch/reports/customer-list.js';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS } from '../../../src/shared/reports/rfm.js';
import type { CustomerFilter } from '../../../src/shared/reports/filters.js';

/**
 * The reports' one-pass aggregates work out a buyer's RFM cell and
 * prediction in JavaScript (rfmCellKey, predictBuyer), while the customer
 * lists and filters keep doing it in SQL (rfmSql, pAliveSql, expectedSql,
 * valueSql). Both must give the same answer for every buyer, at the class
 * boundaries too (P(alive) to the last bit or two, as C's and V8's pow differ): each generated buyer is put in a one-row report_customers
 * table and read back through the SQL, then compared.
 */

const db = new Database(':memory:');
afterAll(() => db.close());
registerReportFunctions({ sqlite: db } as unknown as ReportContext);
db.exec(`CREATE TABLE report_customers (customer_id TEXT PRIMARY KEY, first_sale_amount INTEGER, first_sale_at TEXT, last_sale_at TEXT,
  first_sale_day INTEGER, last_sale_day INTEGER, sales INTEGER, sale_days INTEGER, sales_amount INTEGER, refund_amount INTEGER,
  revenue INTEGER, cogs INTEGER, discount INTEGER, live INTEGER)`);
const insert = db.prepare(`INSERT INTO report_customers VALUES ('c', @firstAmount, @firstAt, @lastAt, @firstDay, @lastDay, @sales, @saleDays,
  @salesAmount, 0, @revenue, 0, 0, 1)`);

const now = new Date('2026-11-22T03:00:00Z');
const period = resolvePeriod(periodSchema.parse({}), 'WIB', now);
const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString();
const tiers = DEFAULT_REPORT_SETTINGS.tiers;
const classes = rfmClasses(period, tiers);

/** A buyer whose figures sit on and around every class boundary as often as anywhere else. */
const buyer = fc
  .record({
    // Last purchase: exactly at a recency cut-off, a millisecond either side, or anywhere in six years.
    last: fc.oneof(
      fc.constantFrom(...Object.values(period.cutoffs)).chain((c) => fc.integer({ min: -1, max: 1 }).map((d) => new Date(Date.parse(c) + d).toISOString())),
      fc.integer({ min: 0, max: 6 * 365 }).map((d) => new Date(now.getTime() - d * DAY - 1234).toISOString()),
    ),
    // First purchase this many days before the last; first purchase ever near the "new" line or anywhere.
    span: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 360, max: 370 })),
    everNew: fc.oneof(fc.integer({ min: 85, max: 95 }), fc.integer({ min: 0, max: 4000 })),
    saleDays: fc.integer({ min: 1, max: 80 }),
    extraSales: fc.integer({ min: 0, max: 5 }),
    // Net spend per year at or near a tier threshold, or any amount (refunds can make it negative).
    revenue: fc.oneof(fc.constantFrom(tiers.silver, tiers.gold, tiers.platinum, tiers.silver - 1, tiers.gold + 1, 0), fc.integer({ min: -5_000_000, max: 900_000_000 })),
    firstAmount: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  })
  .map((b) => {
    const lastDay = Math.floor(Date.parse(b.last) / DAY);
    const firstDay = Math.min(lastDay - b.span, period.asOfDay - b.everNew);
    return {
      lastAt: b.last,
      lastDay,
      firstDay,
      firstAt: iso(firstDay),
      saleDays: b.saleDays,
      sales: b.saleDays + b.extraSales,
      revenue: b.revenue,
      salesAmount: Math.max(b.revenue, 0) + 1000 * b.saleDays,
      firstAmount: b.firstAmount,
    };
  });

function throughSql<T>(row: Record<string, unknown>, sql: string, params: SqlParams): T {
  db.exec('DELETE FROM report_customers');
  insert.run(row);
  return db.prepare(sql).get(params) as T;
}

describe('RFM classes in one pass (rfmCellKey) and in SQL (rfmSql)', () => {
  it('give every buyer the same cell', () => {
    fc.assert(
      fc.property(buyer, (b) => {
        const params: SqlParams = {};
        const sql = `SELECT r * 1000 + f * 100 + m * 10 + is_new AS key FROM (${rfmSql(period, tiers, params)})`;
        const { key } = throughSql<{ key: number }>(b, sql, params);
        expect(rfmCellKey(classes, b.lastAt, b.firstDay, b.firstDay, b.saleDays, b.revenue)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('follow SQL NULL rules where a figure is missing', () => {
    // R 1 without a last purchase, F 4 and M 1 without a first day (SQL's NULL comparisons fall to ELSE), no cell without a first purchase ever.
    expect(rfmCellKey(classes, null, null, period.asOfDay - 500, 3, 1000)).toBe(1 * 1000 + 4 * 100 + 1 * 10 + 0);
    expect(rfmCellKey(classes, period.cutoffs.c3, period.asOfDay - 10, null, 1, 1000)).toBeNull();
  });
});

describe('drill-down by RFM classes in one pass (rfmMatcher) and in SQL (filterSql)', () => {
  const subset = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1 }), { nil: undefined });
  const filter = fc.record({ segments: subset(RFM_SEGMENTS), recency: subset(RECENCY_BUCKETS), frequency: subset(FREQUENCY_BUCKETS), tiers: subset(TIERS) });
  it('takes the same buyers for every filter of segments, recency, frequency and tiers', () => {
    fc.assert(
      fc.property(buyer, filter, (b, f) => {
        const params: SqlParams = {};
        const where = filterSql({} as ReportContext, f as CustomerFilter, params).purchases;
        const sql = `SELECT count(*) AS n FROM (${rfmSql(period, tiers, params)}) x WHERE ${where.length ? where.join(' AND ') : '1'}`;
        const { n } = throughSql<{ n: number }>(b, sql, params);
        expect(rfmMatcher(f as CustomerFilter)(rfmCellKey(classes, b.lastAt, b.firstDay, b.firstDay, b.saleDays, b.revenue))).toBe(n === 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('prediction in one pass (predictBuyer) and in SQL', () => {
  const model = { bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.45 }, horizonWeeks: 52, asOfDay: period.asOfDay };
  // A runaway fit's huge but finite parameters (equation 5 as written overflows with them) and a stored one that cannot score (q < 1: as no fit).
  const huge = { p: 1e300, q: 5e299, v: 1e9 };
  for (const gammaGamma of [model.gammaGamma, null, huge, { p: 1e6, q: 0.5, v: 1 }]) {
    it(`gives every buyer the same P(alive), expected purchases and value${gammaGamma === model.gammaGamma ? '' : gammaGamma === null ? ' (no Gamma-Gamma fit)' : ` (Gamma-Gamma ${JSON.stringify(gammaGamma)})`}`, () => {
      fc.assert(
        fc.property(buyer, (b) => {
          const params: SqlParams = { horizonWeeks: model.horizonWeeks, asOfDay: period.asOfDay };
          const x = 'SELECT customer_id, first_sale_amount AS first_amount, first_sale_day AS first_day, last_sale_day AS last_day, sales, sale_days, sales_amount FROM report_customers';
          const sql = `SELECT ${pAliveSql('x', model.bgNbd, params)} AS p, ${expectedSql('x')} AS e, ${valueSql('x', gammaGamma, params)} AS v FROM (${x}) x`;
          const want = throughSql<{ p: number; e: number | null; v: number | null }>(b, sql, params);
          const got = predictBuyer({ ...model, gammaGamma }, b.saleDays, b.firstDay, b.lastDay, b.sales, b.salesAmount, b.firstAmount);
          // SQLite's pow() is the C library's and V8's Math.pow its own: they may differ in the last bit.
          expect(Math.abs(got.pAlive - want.p)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, want.p));
          // What the report does with it comes out the same: the tenth it is counted in, and whether it is slipping away.
          expect(Math.min(9, Math.trunc(got.pAlive * 10))).toBe(Math.min(9, Math.trunc(want.p * 10)));
          expect(got.pAlive < 0.5).toBe(want.p < 0.5);
          expect(got.expected).toBe(want.e);
          expect(got.value).toBe(want.v);
          if (gammaGamma !== null && b.firstAmount !== null) expect(Number.isFinite(got.value)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
