import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed(db) {
    // Customers and transactions are guarded since 0003: seed as the writer would.
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    db.prepare("INSERT INTO transactions (id, customer_id, branch_id, occurred_at, kind, amount, created_at) VALUES ('t1', 'c1', 'b', 't', 'sale', 5000, 't')").run();
  },
  check(db) {
    // Existing customers and transactions keep their data; the new columns start empty.
    const c = db.prepare('SELECT full_name, hobbies, external_ref, preferred_channel FROM customers').get();
    expect(c).toEqual({ full_name: 'Budi', hobbies: null, external_ref: null, preferred_channel: null });
    expect(db.prepare('SELECT amount, voided_at FROM transactions').get()).toEqual({ amount: 5000, voided_at: null });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['customer_relations', 'customer_assets', 'customer_needs', 'customer_sensitive', 'profile_changes', 'interactions', 'import_batches', 'import_issues', 'import_journal', 'audit_log']),
    );
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE external_ref = 'X'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/customers_external_ref/);
  },
};
export default spec;
