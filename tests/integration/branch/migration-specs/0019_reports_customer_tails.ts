import { expect } from 'vitest';
import { expectTailsAsDefined, seedWibCustomer, type MigrationSpec } from './spec.js';

const TX =
  "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, 't', NULL)";

type Db = Parameters<MigrationSpec['check']>[0];
const tails = (db: Db, id: string) =>
  db
    .prepare('SELECT month, prev_month, first_sale_at, last_sale_at, first_sale_amount, sales, sale_days, sales_amount, refund_amount, cogs, ever_first_day FROM report_customer_tails WHERE customer_id = ? ORDER BY month')
    .all(id);
const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);

/**
 * report_customer_tails: the backfill adds up each customer's months from
 * each of them on, over every branch (WIB months: 23:30 WIB on 31 January is
 * January), and the triggers keep it with later sales, back-dated sales,
 * voids and a change of zone.
 */
const spec: MigrationSpec = {
  seed(db) {
    seedWibCustomer(db);
    const tx = db.prepare(TX);
    tx.run('t1', 'c1', 'b1', '2026-01-31T16:30:00.000Z', 'sale', 100_000, 40_000); // 23:30 WIB 31 Jan
    tx.run('t2', 'c1', 'b2', '2026-01-31T18:30:00.000Z', 'sale', 200_000, 80_000); // 01:30 WIB 1 Feb, another branch
    tx.run('t3', 'c1', 'b1', '2026-03-10T03:00:00.000Z', 'refund', 30_000, 10_000);
    tx.run('t4', 'c1', 'b1', '2026-04-02T03:00:00.000Z', 'sale', 50_000, 20_000);
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    const first = day('2026-01-31T16:30:00.000Z');
    expect(tails(db, 'c1')).toEqual([
      { month: '2026-01', prev_month: null, first_sale_at: '2026-01-31T16:30:00.000Z', last_sale_at: '2026-04-02T03:00:00.000Z', first_sale_amount: 100_000, sales: 3, sale_days: 3, sales_amount: 350_000, refund_amount: 30_000, cogs: 130_000, ever_first_day: first },
      { month: '2026-02', prev_month: '2026-01', first_sale_at: '2026-01-31T18:30:00.000Z', last_sale_at: '2026-04-02T03:00:00.000Z', first_sale_amount: 200_000, sales: 2, sale_days: 2, sales_amount: 250_000, refund_amount: 30_000, cogs: 90_000, ever_first_day: first },
      { month: '2026-03', prev_month: '2026-02', first_sale_at: '2026-04-02T03:00:00.000Z', last_sale_at: '2026-04-02T03:00:00.000Z', first_sale_amount: 50_000, sales: 1, sale_days: 1, sales_amount: 50_000, refund_amount: 30_000, cogs: 10_000, ever_first_day: first },
      { month: '2026-04', prev_month: '2026-03', first_sale_at: '2026-04-02T03:00:00.000Z', last_sale_at: '2026-04-02T03:00:00.000Z', first_sale_amount: 50_000, sales: 1, sale_days: 1, sales_amount: 50_000, refund_amount: 0, cogs: 20_000, ever_first_day: first },
    ]);
    expectTailsAsDefined(db);
    const tx = db.prepare(TX);
    // Added to (no count again): a second sale of April at b1, one at b2 the same month, an earlier one of April.
    tx.run('t7', 'c1', 'b1', '2026-04-20T03:00:00.000Z', 'sale', 1_000, 0);
    tx.run('t8', 'c1', 'b2', '2026-04-21T03:00:00.000Z', 'sale', 2_000, 0);
    tx.run('t9', 'c1', 'b1', '2026-04-01T03:00:00.000Z', 'sale', 3_000, 0);
    expect((tails(db, 'c1') as { month: string; sales: number; first_sale_amount: number }[]).map((r) => [r.month, r.sales, r.first_sale_amount])).toEqual([
      ['2026-01', 6, 100_000],
      ['2026-02', 5, 200_000],
      ['2026-03', 4, 3_000],
      ['2026-04', 4, 3_000],
    ]);
    expectTailsAsDefined(db);
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE id IN ('t7', 't8', 't9')").run();
    expectTailsAsDefined(db);
    // A later sale, a back-dated one (a new first month, and a new first purchase ever), a void.
    tx.run('t5', 'c1', 'b1', '2026-05-05T03:00:00.000Z', 'sale', 70_000, 0);
    tx.run('t6', 'c1', 'b3', '2025-12-01T03:00:00.000Z', 'sale', 9_000, 0);
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE id = 't3'").run();
    const after = tails(db, 'c1') as { month: string; prev_month: string | null; sales: number; refund_amount: number; ever_first_day: number }[];
    expect(after.map((r) => [r.month, r.prev_month, r.sales, r.refund_amount])).toEqual([
      ['2025-12', null, 5, 0],
      ['2026-01', '2025-12', 4, 0],
      ['2026-02', '2026-01', 3, 0],
      ['2026-04', '2026-02', 2, 0],
      ['2026-05', '2026-04', 1, 0],
    ]);
    expect(new Set(after.map((r) => r.ever_first_day))).toEqual(new Set([day('2025-12-01T03:00:00.000Z')]));
    expectTailsAsDefined(db);
    // Another zone: the months move (23:30 WIB on 31 January is 1 February in WITA) and the tails are rebuilt once.
    db.prepare("UPDATE branch_settings SET value = 'WITA' WHERE key = 'time_zone'").run();
    expect((tails(db, 'c1') as { month: string }[]).map((r) => r.month)).toEqual(['2025-12', '2026-02', '2026-04', '2026-05']);
    expectTailsAsDefined(db);
    expect(db.prepare('SELECT count(*) FROM report_tails_paused').pluck().get()).toBe(0);
    // Every sale voided: no tails.
    db.prepare("UPDATE transactions SET voided_at = 't'").run();
    expect(tails(db, 'c1')).toEqual([]);
  },
};
export default spec;
