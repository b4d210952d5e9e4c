import { expect } from 'vitest';
import type { MigrationSpec } from './spec.js';

/** Per-field bases join sync_rows' per-row base; existing rows keep their base and start with no field exceptions. */
const spec: MigrationSpec = {
  seed(db) {
    db.prepare("INSERT INTO sync_rows (table_name, row_id, base_seq) VALUES ('customers', 'c1', 7)").run();
  },
  check(db) {
    expect(db.prepare("SELECT base_seq FROM sync_rows WHERE row_id = 'c1'").pluck().get()).toBe(7);
    expect(db.prepare('SELECT count(*) FROM sync_field_bases').pluck().get()).toBe(0);
    db.prepare("INSERT INTO sync_field_bases (table_name, row_id, field, base_seq) VALUES ('customers', 'c1', 'occupation', 5)").run();
    expect(() => db.prepare("INSERT INTO sync_field_bases (table_name, row_id, field, base_seq) VALUES ('customers', 'c1', 'occupation', 6)").run()).toThrow(/UNIQUE|PRIMARY/);
  },
};
export default spec;
