import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, seedWibCustomer, type MigrationSpec } from './spec.js';

const TX =
  "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, 't', NULL)";

const row = (db: Parameters<MigrationSpec['check']>[0], id: string) =>
  db.prepare('SELECT live, first_sale_at, last_sale_at, first_sale_amount, sales, sale_days, sales_amount, refund_amount, revenue, cogs FROM report_customers WHERE customer_id = ?').get(id);

/**
 * report_customers: the backfill adds up a customer's branches (the first
 * sale's amount is the earliest branch's), and the triggers keep it with
 * every later sale, void, archive and delete.
 */
const spec: MigrationSpec = {
  seed(db) {
    seedWibCustomer(db);
    const tx = db.prepare(TX);
    tx.run('t1', 'c1', 'b2', '2026-03-01T03:00:00.000Z', 'sale', 300_000, 100_000);
    tx.run('t2', 'c1', 'b1', '2026-02-01T03:00:00.000Z', 'sale', 200_000, 50_000);
    tx.run('t3', 'c1', 'b1', '2026-04-01T03:00:00.000Z', 'refund', 20_000, 5_000);
    db.prepare(MINIMAL_CUSTOMER_INSERT.replace("'c1', 'A-1'", "'c2', 'A-2'")).run();
    tx.run('t4', 'c2', 'b1', '2026-05-01T03:00:00.000Z', 'sale', 70_000, 0);
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    expect(row(db, 'c1')).toEqual({
      live: 1,
      first_sale_at: '2026-02-01T03:00:00.000Z',
      last_sale_at: '2026-03-01T03:00:00.000Z',
      first_sale_amount: 200_000,
      sales: 2,
      sale_days: 2,
      sales_amount: 500_000,
      refund_amount: 20_000,
      revenue: 480_000,
      cogs: 145_000,
    });
    expect(row(db, 'c2')).toMatchObject({ live: 1, sales: 1, revenue: 70_000 });
    // A later sale, a void, and an earlier sale at another branch.
    db.prepare(TX).run('t5', 'c1', 'b2', '2026-06-01T03:00:00.000Z', 'sale', 10_000, 1_000);
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE id = 't3'").run();
    db.prepare(TX).run('t6', 'c1', 'b3', '2026-01-01T03:00:00.000Z', 'sale', 5_000, 0);
    expect(row(db, 'c1')).toMatchObject({ sales: 4, sale_days: 4, refund_amount: 0, revenue: 515_000, first_sale_amount: 5_000, last_sale_at: '2026-06-01T03:00:00.000Z' });
    // Archived: not live; back again: live. Deleted: not live.
    db.prepare("UPDATE customers SET archived_at = 't' WHERE id = 'c1'").run();
    expect(row(db, 'c1')).toMatchObject({ live: 0 });
    db.prepare("UPDATE customers SET archived_at = NULL WHERE id = 'c1'").run();
    expect(row(db, 'c1')).toMatchObject({ live: 1 });
    db.prepare("UPDATE customers SET deleted = 1 WHERE id = 'c2'").run();
    expect(row(db, 'c2')).toMatchObject({ live: 0 });
    // Every sale voided: no facts, no row.
    db.prepare("UPDATE transactions SET voided_at = 't' WHERE customer_id = 'c2'").run();
    expect(row(db, 'c2')).toBeUndefined();
    // Equal to its definition after all of it.
    expect(db.prepare('SELECT * FROM report_customers ORDER BY customer_id').all()).toEqual(db.prepare('SELECT * FROM report_customers_source ORDER BY customer_id').all());
  },
};
export default spec;
