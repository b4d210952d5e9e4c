import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    // New tables, empty; a plan belongs to a known customer.
    expect(db.prepare('SELECT count(*) FROM contact_plans').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM agenda_outcomes').pluck().get()).toBe(0);
    expect(() =>
      db
        .prepare("INSERT INTO contact_plans (id, customer_id, branch_id, staff_id, staff_name, channel, purpose, first_date, due_date, created_at, created_by, updated_at) VALUES ('p0', 'nobody', 'b', 'u', 'U', 'phone', 'service', '2026-12-01', '2026-12-01', 't', 'u', 't')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO contact_plans (id, customer_id, branch_id, staff_id, staff_name, channel, purpose, first_date, due_date, created_at, created_by, updated_at) VALUES ('p1', 'c1', 'b', 'u', 'U', 'phone', 'service', '2026-12-01', '2026-12-01', 't', 'u', 't')").run();
    expect(db.prepare("SELECT status || ':' || occurrence FROM contact_plans WHERE id = 'p1'").pluck().get()).toBe('open:0');
  },
};
export default spec;
