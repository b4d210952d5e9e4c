import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const PLAN = "INSERT INTO contact_plans (id, customer_id, branch_id, staff_id, staff_name, channel, purpose, first_date, due_date, created_at, created_by, updated_at) VALUES ('p1', 'c1', 'b', 'u', 'U', 'phone', 'service', '2026-12-01', '2026-12-01', 't', 'u', 't')";

/** The open-plan indexes gain branch and customer: plans survive, and the agenda's count reads the index alone. */
const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
    db.prepare(PLAN).run();
  },
  check(db) {
    const open = "SELECT id FROM contact_plans WHERE status = 'open' AND staff_id = 'u' AND due_date <= '2026-12-31'";
    expect(db.prepare(open).pluck().all()).toEqual(['p1']);
    const explain = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(explain("SELECT customer_id FROM contact_plans WHERE staff_id = 'u' AND status = 'open' AND due_date > '2026-11-01' AND branch_id = 'b'")).toMatch(/COVERING INDEX contact_plans_open_staff/);
    expect(explain("SELECT customer_id FROM contact_plans INDEXED BY contact_plans_open_due WHERE status = 'open' AND due_date > '2026-11-01' AND branch_id = 'b'")).toMatch(/COVERING INDEX contact_plans_open_due/);
  },
};
export default spec;
