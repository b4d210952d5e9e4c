import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const TX = "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, 'c1', 'b1', ?, 'sale', ?, 0, 0, 1, 't', ?)";

/** Voided transactions leave the report rollups: those voided before the upgrade, at insert, and when voided later. */
const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    const tx = db.prepare(TX);
    tx.run('t1', '2026-01-05T03:00:00.000Z', 100_000, null);
    tx.run('t2', '2026-02-05T03:00:00.000Z', 200_000, null);
    // Voided before the upgrade: 0005's trigger counted it.
    tx.run('t3', '2026-03-05T03:00:00.000Z', 400_000, '2026-03-06T00:00:00.000Z');
  },
  check(db) {
    // The rebuild summarises what was there before: the voided sale is left out.
    const facts = () => db.prepare('SELECT sales, sales_amount, last_sale_at FROM report_customer_facts').get();
    expect(facts()).toEqual({ sales: 2, sales_amount: 300_000, last_sale_at: '2026-02-05T03:00:00.000Z' });
    expect(db.prepare('SELECT sum(sales) FROM report_sales_hours').pluck().get()).toBe(2);
    db.function('simpul_write_ok', () => 1);
    db.prepare(TX).run('t4', '2026-04-05T03:00:00.000Z', 800_000, '2026-04-05T04:00:00.000Z');
    expect(facts()).toEqual({ sales: 2, sales_amount: 300_000, last_sale_at: '2026-02-05T03:00:00.000Z' });
    db.prepare("UPDATE transactions SET voided_at = '2026-05-01T00:00:00.000Z' WHERE id = 't2'").run();
    expect(facts()).toEqual({ sales: 1, sales_amount: 100_000, last_sale_at: '2026-01-05T03:00:00.000Z' });
    expect(db.prepare('SELECT sum(sales) FROM report_sales_hours').pluck().get()).toBe(1);
  },
};
export default spec;
