import { expect } from 'vitest';
import { expectTailsAsDefined, seedWibCustomer, type MigrationSpec } from './spec.js';

const TX =
  "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, 'c1', ?, ?, ?, ?, 0, 0, 1, 't', NULL)";

type Db = Parameters<MigrationSpec['check']>[0];
const prevLast = (db: Db) => db.prepare('SELECT month, prev_last_sale_at AS at, prev_last_sale_day AS day FROM report_customer_tails WHERE customer_id = ? ORDER BY month').all('c1');
const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);

/**
 * prev_last_sale_at: on each tails row, the customer's last sale in any
 * earlier month (a refund-only month in between does not count), filled in
 * for the rows before the upgrade and kept by the triggers: a later sale, a
 * back-dated one at another branch, a void.
 */
const spec: MigrationSpec = {
  seed(db) {
    seedWibCustomer(db);
    const tx = db.prepare(TX);
    tx.run('t1', 'b1', '2026-01-10T03:00:00.000Z', 'sale', 100_000);
    tx.run('t2', 'b1', '2026-01-20T03:00:00.000Z', 'sale', 100_000);
    tx.run('t3', 'b1', '2026-02-10T03:00:00.000Z', 'refund', 30_000);
    tx.run('t4', 'b1', '2026-04-02T03:00:00.000Z', 'sale', 50_000);
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    const jan = '2026-01-20T03:00:00.000Z';
    expect(prevLast(db)).toEqual([
      { month: '2026-01', at: null, day: null },
      { month: '2026-02', at: jan, day: day(jan) },
      { month: '2026-04', at: jan, day: day(jan) },
    ]);
    expectTailsAsDefined(db);
    const tx = db.prepare(TX);
    // A sale of a new month (May), then one back-dated into March at another branch: the rows after each take it.
    tx.run('t5', 'b1', '2026-05-05T03:00:00.000Z', 'sale', 70_000);
    tx.run('t6', 'b2', '2026-03-15T03:00:00.000Z', 'sale', 10_000);
    expect((prevLast(db) as { month: string; at: string | null }[]).map((r) => [r.month, r.at])).toEqual([
      ['2026-01', null],
      ['2026-02', jan],
      ['2026-03', jan],
      ['2026-04', '2026-03-15T03:00:00.000Z'],
      ['2026-05', '2026-04-02T03:00:00.000Z'],
    ]);
    expectTailsAsDefined(db);
    // A later sale inside April (the month row grows): May's row takes it.
    tx.run('t7', 'b1', '2026-04-25T03:00:00.000Z', 'sale', 5_000);
    expect((prevLast(db) as { month: string; at: string | null }[]).find((r) => r.month === '2026-05')?.at).toBe('2026-04-25T03:00:00.000Z');
    expectTailsAsDefined(db);
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE id IN ('t6', 't7')").run();
    expectTailsAsDefined(db);
  },
};
export default spec;
