import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const PLAN = "INSERT INTO contact_plans (id, customer_id, branch_id, staff_id, staff_name, channel, purpose, first_date, due_date, created_at, created_by, updated_at) VALUES ('p1', 'c1', 'b', 'u', 'U', 'phone', 'service', '2026-12-01', '2026-12-01', 't', 'u', 't')";
const OUTCOME = "INSERT INTO agenda_outcomes (id, customer_id, branch_id, source, occasion, action, due_date, staff_id, staff_name, created_at) VALUES ('o1', 'c1', 'b', 'birthday', '2026-12-05', 'dismissed', '2026-12-05', 'u', 'U', 't')";

const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    // Before the guards, a plain write still goes in (and must survive the migration).
    db.prepare(PLAN).run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM contact_plans').pluck().get()).toBe(1);
    db.function('simpul_write_ok', () => 0);
    expect(() => db.prepare(OUTCOME).run()).toThrow(/outside the sync writer/);
    expect(() => db.prepare("UPDATE contact_plans SET status = 'done'").run()).toThrow(/outside the sync writer/);
    db.function('simpul_write_ok', () => 1);
    db.prepare(OUTCOME).run();
    db.prepare("UPDATE contact_plans SET status = 'done'").run();
    expect(() => db.prepare('DELETE FROM contact_plans').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM agenda_outcomes').run()).toThrow(/never deleted/);
    // The birthday rule reads by month and day through its index.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE substr(birth_date, 6) BETWEEN '12-01' AND '12-07' AND birth_date IS NOT NULL AND archived_at IS NULL AND deleted = 0").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/customers_birthday/);
  },
};
export default spec;
