import { expect } from 'vitest';
import type { MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed() {},
  check(db) {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['customers', 'contact_points', 'users', 'transactions', 'branch_settings']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  },
};
export default spec;
