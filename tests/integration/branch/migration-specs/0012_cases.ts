import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const CASE = `INSERT INTO cases (id, customer_id, branch_id, case_number, kind, channel, category, priority, subject, department, routed_by, status, opened_at, opened_by, opened_by_name, first_response_due_at, sla_due_at, head_office_due_at, created_at, updated_at, updated_by)
  VALUES ('k1', 'c1', 'b', 'B-K000001', 'complaint', 'phone', 'delivery', 'high', 'Barang belum datang', 'shipment', 'rule', 'open', 't', 'u', 'U', 't1', 't2', 't3', 't', 't', 'u')`;
const EVENT = "INSERT INTO case_events (id, case_id, customer_id, branch_id, at, kind, staff_id, staff_name) VALUES ('e1', 'k1', 'c1', 'b', 't', 'opened', 'u', 'U')";

const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    db.function('simpul_write_ok', () => 0);
    db.function('simpul_apply_ok', () => 0);
    expect(() => db.prepare(CASE).run()).toThrow(/outside the sync writer/);
    db.function('simpul_write_ok', () => 1);
    db.prepare(CASE).run();
    db.prepare(EVENT).run();
    // A case moves (its status changes); its history does not, except through sync's apply.
    db.prepare("UPDATE cases SET status = 'in_progress' WHERE id = 'k1'").run();
    expect(() => db.prepare("UPDATE case_events SET note = 'x' WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM cases').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/never deleted/);
    expect(db.prepare("SELECT escalation_level || ':' || reopen_count || ':' || deleted FROM cases WHERE id = 'k1'").pluck().get()).toBe('0:0:0');
  },
};
export default spec;
