import { expect } from 'vitest';
import { SYNCED_TABLES } from '../../../../src/shared/sync/tables.js';
import { MINIMAL_CUSTOMER_INSERT, type MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed(db) {
    db.prepare(MINIMAL_CUSTOMER_INSERT).run();
  },
  check(db) {
    // Existing rows stay; a write outside the writer is now refused.
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    expect(() => db.prepare("UPDATE customers SET full_name = 'X'").run()).toThrow(/outside the sync writer/);
    // Tables of later migrations get their guards there (e.g. 0007_front_office_guards).
    const existing = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    for (const t of SYNCED_TABLES.filter((table) => existing.has(table.name))) {
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").pluck().all(t.name);
      expect(triggers, t.name).toEqual(expect.arrayContaining([`${t.name}_guard_insert`, `${t.name}_guard_update`, `${t.name}_guard_delete`]));
    }
  },
};
export default spec;
