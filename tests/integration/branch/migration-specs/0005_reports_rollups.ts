import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const TX = "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at) VALUES (?, 'c1', ?, ?, ?, ?, ?, 0, 1, 't')";

/**
 * The rollups' triggers summarise every purchase written from now on; the
 * purchases already there are summarised by 0008's rebuild in the same upgrade.
 */
const spec: MigrationSpec = {
  seed(db) {
    // Stand in for the core's writer: the guard triggers allow writes while this returns 1.
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    const tx = db.prepare(TX);
    tx.run('t1', 'b1', '2026-01-05T03:00:00.000Z', 'sale', 100_000, 60_000);
    tx.run('t2', 'b1', '2026-01-05T09:00:00.000Z', 'sale', 120_000, 70_000);
    tx.run('t3', 'b1', '2026-02-10T03:00:00.000Z', 'sale', 110_000, 65_000);
    tx.run('t4', 'b1', '2026-02-11T03:00:00.000Z', 'refund', 20_000, 10_000);
    tx.run('t5', 'b1', '2026-03-01T03:00:00.000Z', 'sale', 9_000_000, 6_000_000);
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM report_customer_facts').pluck().get()).toBe(0);
    db.function('simpul_write_ok', () => 1);
    const tx = db.prepare(TX);
    tx.run('t6', 'b1', '2026-03-02T03:00:00.000Z', 'sale', 95_000, 60_000);
    tx.run('t7', 'b1', '2026-03-02T09:00:00.000Z', 'sale', 105_000, 60_000);
    tx.run('t8', 'b1', '2026-03-03T03:00:00.000Z', 'refund', 20_000, 10_000);
    tx.run('t9', 'b2', '2026-03-04T03:00:00.000Z', 'sale', 50_000, 30_000);
    const facts = db.prepare('SELECT * FROM report_customer_facts ORDER BY branch_id').all() as Record<string, unknown>[];
    expect(facts).toHaveLength(2);
    expect(facts[0]).toMatchObject({
      branch_id: 'b1',
      first_sale_at: '2026-03-02T03:00:00.000Z',
      last_sale_at: '2026-03-02T09:00:00.000Z',
      first_sale_amount: 95_000,
      sales: 2,
      sale_days: 1,
      sales_amount: 200_000,
      sales_cost: 120_000,
      refunds: 1,
      refund_amount: 20_000,
    });
    expect(db.prepare('SELECT sum(sales), sum(refunds) FROM report_sales_hours').raw().get()).toEqual([3, 1]);
    // A purchase written out of order moves the first sale back.
    tx.run('t10', 'b2', '2026-01-01T03:00:00.000Z', 'sale', 70_000, 30_000);
    expect(db.prepare("SELECT first_sale_at, first_sale_amount, sales FROM report_customer_facts WHERE branch_id = 'b2'").get()).toEqual({
      first_sale_at: '2026-01-01T03:00:00.000Z',
      first_sale_amount: 70_000,
      sales: 2,
    });
  },
};
export default spec;
