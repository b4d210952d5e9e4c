import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed(db) {
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    expect(db.prepare('SELECT full_name FROM customers').pluck().get()).toBe('Budi');
    db.prepare("INSERT INTO customer_search (rowid, name, contact, ident) VALUES (1, 'Budi', '', 'A-1')").run();
    expect(db.prepare("SELECT rowid FROM customer_search WHERE customer_search MATCH '\"bu\"*'").pluck().all()).toEqual([1]);
  },
};
export default spec;
