import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed(db) {
    // Customers are guarded since 0003: seed as the writer would.
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    // Before the guards, a plain write still goes in (and must survive the migration).
    db.prepare("INSERT INTO interactions (id, customer_id, branch_id, occurred_at, channel, direction, exchange, purpose, outcome, staff_id, staff_name, created_at) VALUES ('i1', 'c1', 'b', 't', 'phone', 'inbound', 'two_way', 'service', 'reached', 'u', 'U', 't')").run();
    db.prepare("INSERT INTO audit_log (id, at, user_id, username, role, action, subject_type) VALUES ('a1', 't', 'u', 'u', 'branch_manager', 'export', 'customers')").run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(1);
    for (const table of ['customer_relations', 'customer_assets', 'customer_needs', 'customer_sensitive', 'profile_changes', 'interactions']) {
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").pluck().all(table);
      expect(triggers, table).toEqual(expect.arrayContaining([`${table}_guard_insert`, `${table}_guard_update`, `${table}_guard_delete`]));
    }
    expect(() => db.prepare("UPDATE interactions SET notes = 'x'").run()).toThrow(/outside the sync writer/);
    expect(() => db.prepare('DELETE FROM interactions').run()).toThrow(/never deleted/);
    // The audit log takes new entries but never changes or loses one.
    db.prepare("INSERT INTO audit_log (id, at, user_id, username, role, action, subject_type) VALUES ('a2', 't', 'u', 'u', 'branch_manager', 'import', 'import')").run();
    expect(() => db.prepare("UPDATE audit_log SET username = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2);
  },
};
export default spec;
