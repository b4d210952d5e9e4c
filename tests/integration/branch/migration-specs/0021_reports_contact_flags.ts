import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const CONTACT =
  "INSERT INTO contact_points (id, customer_id, kind, value, phone_kind, whatsapp, invalid, deleted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 't', 't')";
// A function: spec.ts loads this file while it is itself being loaded.
const customer = (id: string) => MINIMAL_CUSTOMER_INSERT.replace("'c1', 'A-1'", `'${id}', 'A-${id}'`);

type Db = Parameters<MigrationSpec['check']>[0];
const flags = (db: Db) => Object.fromEntries((db.prepare('SELECT customer_id, flags FROM report_contact_flags ORDER BY customer_id').all() as { customer_id: string; flags: number }[]).map((r) => [r.customer_id, r.flags]));
const sameAsDefinition = (db: Db) =>
  expect(db.prepare('SELECT * FROM report_contact_flags ORDER BY customer_id').all()).toEqual(
    db.prepare('SELECT customer_id, flags FROM report_contact_flags_source WHERE flags > 0 ORDER BY customer_id').all(),
  );

/**
 * report_contact_flags: the backfill gives each customer with a valid
 * contact point its bits (1 phone, 2 mobile, 4 WhatsApp, 8 email; invalid
 * ones do not count, a customer without any has no row), and the triggers
 * keep it through new contact points, edits that take bits away, a contact
 * point moved to another customer (a merge), and tombstones.
 */
const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    for (const id of ['c1', 'c2', 'c3']) db.prepare(customer(id)).run();
    const contact = db.prepare(CONTACT);
    contact.run('p1', 'c1', 'phone', '+6281', 'mobile', 1, 0);
    contact.run('p2', 'c1', 'email', 'a@b.id', null, 0, 0);
    contact.run('p3', 'c2', 'phone', '+6221', 'landline', 0, 0);
    contact.run('p4', 'c3', 'email', 'x@y.id', null, 0, 1); // invalid: c3 has no valid contact point
  },
  check(db) {
    db.function('simpul_write_ok', () => 1);
    expect(flags(db)).toEqual({ c1: 1 | 2 | 4 | 8, c2: 1 });
    sameAsDefinition(db);
    const contact = db.prepare(CONTACT);
    contact.run('p5', 'c2', 'email', 'c2@b.id', null, 0, 0);
    contact.run('p6', 'c3', 'phone', '+6282', 'mobile', 0, 1); // invalid: still nothing for c3
    expect(flags(db)).toEqual({ c1: 15, c2: 1 | 8 });
    db.prepare("UPDATE contact_points SET whatsapp = 0 WHERE id = 'p1'").run();
    expect(flags(db).c1).toBe(1 | 2 | 8);
    db.prepare("UPDATE contact_points SET invalid = 1 WHERE id = 'p2'").run();
    expect(flags(db).c1).toBe(1 | 2);
    db.prepare("UPDATE contact_points SET invalid = 0 WHERE id = 'p6'").run();
    expect(flags(db).c3).toBe(1 | 2);
    // A merge moves c3's contact points to c2: c3 has none left.
    db.prepare("UPDATE contact_points SET customer_id = 'c2' WHERE customer_id = 'c3'").run();
    expect(flags(db)).toEqual({ c1: 3, c2: 1 | 2 | 8 });
    db.prepare("UPDATE contact_points SET deleted = 1 WHERE id = 'p5'").run();
    db.prepare("UPDATE contact_points SET deleted = 1 WHERE id = 'p1'").run(); // contact points are tombstoned, never deleted
    expect(flags(db)).toEqual({ c2: 1 | 2 });
    // A phone of no known kind (a pulled row may have phone_kind NULL) is a phone, not a mobile, and inserts.
    contact.run('p7', 'c1', 'phone', '+6283', null, 0, 0);
    expect(flags(db).c1).toBe(1);
    db.prepare("UPDATE contact_points SET whatsapp = 1 WHERE id = 'p7'").run();
    expect(flags(db).c1).toBe(1 | 4);
    sameAsDefinition(db);
  },
};
export default spec;
