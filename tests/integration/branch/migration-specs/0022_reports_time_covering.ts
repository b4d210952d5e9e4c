import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const TX =
  "INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, cost, discount, item_count, created_at, voided_at) VALUES (?, 'c1', 'b1', ?, ?, ?, 4000, 0, 1, 't', ?)";

/**
 * transactions_occurred covers what a period's partial month is summed
 * from: the read of a time range touches the index alone, rows written
 * before the upgrade are in it, and it returns them in time order.
 */
const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    const tx = db.prepare(TX);
    tx.run('s2', '2026-03-02T03:00:00.000Z', 'sale', 20000, null);
    tx.run('s1', '2026-03-01T03:00:00.000Z', 'sale', 10000, null);
    tx.run('v1', '2026-03-01T05:00:00.000Z', 'sale', 99000, '2026-03-01T06:00:00.000Z');
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(TX).run('r1', '2026-03-03T03:00:00.000Z', 'refund', 5000, null);
    const read = `SELECT customer_id, occurred_at, kind = 'sale', amount, cost, unixepoch(occurred_at), seq FROM transactions INDEXED BY transactions_occurred
      WHERE occurred_at >= '2026-03-01' AND occurred_at < '2026-04-01' AND voided_at IS NULL ORDER BY occurred_at`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${read}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toMatch(/COVERING INDEX transactions_occurred/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect((db.prepare(read).raw().all() as unknown[][]).map((r) => [r[1], r[3]])).toEqual([
      ['2026-03-01T03:00:00.000Z', 10000],
      ['2026-03-02T03:00:00.000Z', 20000],
      ['2026-03-03T03:00:00.000Z', 5000],
    ]);
  },
};
export default spec;
