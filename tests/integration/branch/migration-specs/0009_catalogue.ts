import { expect } from 'vitest';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const ITEM = "INSERT INTO catalogue_items (id, sku, name, kind, category, unit_price, unit_cost, created_at, updated_at) VALUES ('p1', 'OLI-1', 'Oli mesin', 'product', 'Oli', 85000, 60000, 't', 't')";

const spec: MigrationSpec = {
  seed(db) {
    db.function('simpul_write_ok', () => 1);
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    // The change-capturing writer may write synced tables, but not the catalogue: only sync's apply may.
    db.function('simpul_write_ok', () => 1);
    expect(() => db.prepare(ITEM).run()).toThrow(/kept by the head office/);
    db.function('simpul_apply_ok', () => 1);
    db.prepare(ITEM).run();
    db.function('simpul_apply_ok', () => 0);
    expect(() => db.prepare("UPDATE catalogue_items SET unit_price = 1 WHERE id = 'p1'").run()).toThrow(/kept by the head office/);
    expect(() => db.prepare('DELETE FROM catalogue_items').run()).toThrow(/never deleted/);
    expect(db.prepare("SELECT unit_price FROM catalogue_items WHERE id = 'p1'").pluck().get()).toBe(85000);
  },
};
export default spec;
