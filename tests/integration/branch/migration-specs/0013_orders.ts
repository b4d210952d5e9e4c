import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const ORDER =
  "INSERT INTO orders (id, order_number, customer_id, branch_id, status, gross, subtotal, line_discounts, order_discount, total, cost, item_count, staff_id, staff_name, created_at, updated_at) VALUES ('o1', 'A-P000001', 'c1', 'b', 'draft', 0, 0, 0, 0, 0, 0, 0, 'u', 'U', 't', 't')";
const EVENT =
  "INSERT INTO shipment_events (id, shipment_id, order_id, customer_id, branch_id, status, occurred_at, staff_id, staff_name, created_at) VALUES ('e1', 's1', 'o1', 'c1', 'b', 'packed', 't', 'u', 'U', 't')";

const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    // Orders and their history are synced tables: only the change-capturing writer may write them, and nobody deletes.
    db.function('simpul_write_ok', () => 0);
    expect(() => db.prepare(ORDER).run()).toThrow(/outside the sync writer/);
    expect(() => db.prepare(EVENT).run()).toThrow(/outside the sync writer/);
    db.function('simpul_write_ok', () => 1);
    db.prepare(ORDER).run();
    db.prepare(EVENT).run();
    // An order for a customer this branch does not have is refused by the foreign key.
    expect(() => db.prepare(ORDER.replace("'o1'", "'o2'").replace("'c1'", "'c9'")).run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('DELETE FROM orders').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM shipment_events').run()).toThrow(/never deleted/);
    for (const t of ['order_lines', 'line_items', 'shipments']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
  },
};
export default spec;
