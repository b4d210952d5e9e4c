import { expect } from 'vitest';
import { seedWibCustomer, type MigrationSpec } from './spec.js';

const TX =
  "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, 'c1', 'b1', ?, ?, ?, 0, 0, 1, 't', NULL)";

/**
 * Months per customer in the branch's zone (WIB), purchase days as local days:
 * 16:00 and 18:00 UTC on 31 January are 23:00 on 31 January and 01:00 on
 * 1 February in WIB, so two days in two months (one UTC day before).
 */
const spec: MigrationSpec = {
  seed(db) {
    seedWibCustomer(db);
    const tx = db.prepare(TX);
    tx.run('t1', '2026-01-31T16:00:00.000Z', 'sale', 100_000);
    tx.run('t2', '2026-01-31T18:00:00.000Z', 'sale', 200_000);
    tx.run('t3', '2026-02-10T03:00:00.000Z', 'refund', 50_000);
    expect(db.prepare('SELECT sale_days FROM report_customer_facts').pluck().get()).toBe(1);
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    const months = () =>
      db.prepare('SELECT month, sales, sale_days, sales_amount, refunds, refund_amount, first_sale_amount, last_sale_at FROM report_customer_months ORDER BY month').all();
    expect(db.prepare('SELECT sale_days FROM report_customer_facts').pluck().get()).toBe(2);
    expect(months()).toEqual([
      { month: '2026-01', sales: 1, sale_days: 1, sales_amount: 100_000, refunds: 0, refund_amount: 0, first_sale_amount: 100_000, last_sale_at: '2026-01-31T16:00:00.000Z' },
      { month: '2026-02', sales: 1, sale_days: 1, sales_amount: 200_000, refunds: 1, refund_amount: 50_000, first_sale_amount: 200_000, last_sale_at: '2026-01-31T18:00:00.000Z' },
    ]);
    // A later sale on the same local day adds no purchase day; an earlier one in the month becomes its first.
    db.prepare(TX).run('t4', '2026-02-01T02:00:00.000Z', 'sale', 300_000);
    db.prepare(TX).run('t5', '2026-01-31T17:30:00.000Z', 'sale', 400_000);
    expect(months()[1]).toMatchObject({ sales: 3, sale_days: 1, sales_amount: 900_000, first_sale_amount: 400_000, last_sale_at: '2026-02-01T02:00:00.000Z' });
    expect(db.prepare('SELECT sale_days FROM report_customer_facts').pluck().get()).toBe(2);
    // Voiding counts only that month again.
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE id IN ('t2', 't4', 't5')").run();
    expect(months()[1]).toMatchObject({ sales: 0, sale_days: 0, sales_amount: 0, refunds: 1, first_sale_amount: 0, last_sale_at: null });
    expect(db.prepare('SELECT sales, sale_days, sales_amount FROM report_customer_facts').get()).toEqual({ sales: 1, sale_days: 1, sales_amount: 100_000 });
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE id = 't3'").run();
    expect(months().map((m) => (m as { month: string }).month)).toEqual(['2026-01']);
    // Another zone: months and days follow it (WIT: 31 Jan 16:00 UTC is 1 Feb 01:00).
    db.prepare("UPDATE branch_settings SET value = 'WIT' WHERE key = 'time_zone'").run();
    expect(months().map((m) => (m as { month: string }).month)).toEqual(['2026-02']);
  },
};
export default spec;
