import { expect } from 'vitest';
import type { MigrationSpec } from './spec.js';

const spec: MigrationSpec = {
  seed() {},
  check(db) {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['report_settings', 'segments', 'anomaly_reviews', 'prediction_runs']));
    // A segment name is free again once the segment is deleted.
    const add = db.prepare("INSERT INTO segments (id, name, filter, created_at, created_by, updated_at, updated_by, deleted) VALUES (?, 'VIP', '{}', 't', 'u', 't', 'u', ?)");
    add.run('s1', 1);
    add.run('s2', 0);
    expect(() => add.run('s3', 0)).toThrow(/UNIQUE/);
  },
};
export default spec;
