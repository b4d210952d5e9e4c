import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const TX =
  "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, 'c1', 'b1', ?, ?, 10000, 4000, 0, 1, 't', ?)";

/**
 * report_refunds holds the refunds still standing with every column the
 * refund-burst rule reads: the rule's query reads the index alone, refunds
 * made before the upgrade are in it, and a voided refund is not.
 */
const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    const tx = db.prepare(TX);
    tx.run('r1', '2026-03-01T03:00:00.000Z', 'refund', null);
    tx.run('r2', '2026-03-02T03:00:00.000Z', 'refund', '2026-03-02T04:00:00.000Z');
    tx.run('s1', '2026-03-03T03:00:00.000Z', 'sale', null);
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(TX).run('r3', '2026-03-04T03:00:00.000Z', 'refund', null);
    const rule = `SELECT t.id, t.customer_id, t.branch_id, t.occurred_at, t.kind, t.amount, count(*) OVER w AS n FROM transactions t
      WHERE t.kind = 'refund' AND t.voided_at IS NULL AND t.occurred_at >= '2026-01-01' AND t.occurred_at < '2027-01-01'
      WINDOW w AS (PARTITION BY t.customer_id ORDER BY unixepoch(t.occurred_at) RANGE BETWEEN 2592000 PRECEDING AND CURRENT ROW)`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${rule}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toMatch(/COVERING INDEX report_refunds/);
    expect(db.prepare(rule).all()).toEqual([
      { id: 'r1', customer_id: 'c1', branch_id: 'b1', occurred_at: '2026-03-01T03:00:00.000Z', kind: 'refund', amount: 10000, n: 1 },
      { id: 'r3', customer_id: 'c1', branch_id: 'b1', occurred_at: '2026-03-04T03:00:00.000Z', kind: 'refund', amount: 10000, n: 2 },
    ]);
    expect(db.prepare('SELECT id FROM transactions INDEXED BY report_refunds WHERE kind = \'refund\' AND voided_at IS NULL ORDER BY occurred_at').pluck().all()).toEqual(['r1', 'r3']);
  },
};
export default spec;
