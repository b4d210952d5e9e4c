import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const APPOINTMENT =
  "INSERT INTO appointments (id, customer_id, branch_id, service_item_id, service_sku, service_name, service_price, duration_minutes, starts_at, ends_at, technician_id, technician_name, status, status_changed_at, created_at, created_by, created_by_name, updated_at) VALUES ('a1', 'c1', 'b', 's1', 'SRV', 'Servis', 350000, 120, '2026-12-03T02:00:00.000Z', '2026-12-03T04:00:00.000Z', 'u', 'Joko', 'booked', 't', 't', 'u', 'U', 't')";
const EVENT =
  "INSERT INTO appointment_events (id, appointment_id, customer_id, branch_id, at, kind, to_status, staff_id, staff_name, created_at) VALUES ('e1', 'a1', 'c1', 'b', 't', 'booked', 'booked', 'u', 'U', 't')";
const QC =
  "INSERT INTO qc_reports (id, appointment_id, customer_id, branch_id, inspected_at, inspector_id, inspector_name, result, items, created_at) VALUES ('q1', 'a1', 'c1', 'b', 't', 'u2', 'Sari', 'pass', '[]', 't')";

const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    // The new tables take rows from the sync writer, and from nobody else; nothing is ever deleted.
    db.function('simpul_write_ok', () => 0);
    expect(() => db.prepare(APPOINTMENT).run()).toThrow(/outside the sync writer/);
    db.function('simpul_write_ok', () => 1);
    for (const sql of [APPOINTMENT, EVENT, QC]) db.prepare(sql).run();
    db.function('simpul_write_ok', () => 0);
    expect(() => db.prepare("UPDATE appointments SET status = 'done'").run()).toThrow(/outside the sync writer/);
    expect(() => db.prepare("UPDATE qc_reports SET result = 'fail'").run()).toThrow(/outside the sync writer/);
    expect(() => db.prepare('DELETE FROM appointments').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM appointment_events').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM qc_reports').run()).toThrow(/never deleted/);
    expect(db.prepare("SELECT status FROM appointments WHERE id = 'a1'").pluck().get()).toBe('booked');
    // An appointment belongs to a customer this replica holds.
    db.function('simpul_write_ok', () => 1);
    expect(() => db.prepare(APPOINTMENT.replace("'a1', 'c1'", "'a2', 'nobody'")).run()).toThrow(/FOREIGN KEY/);
  },
};
export default spec;
