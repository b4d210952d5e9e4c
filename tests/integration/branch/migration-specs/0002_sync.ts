import { expect } from 'vitest';
import type { MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed() {},
  check(db) {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['sync_outbox', 'sync_rows', 'sync_conflicts', 'sync_rejections']));
  },
};
export default spec;
