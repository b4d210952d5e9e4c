/// <reference types="vite/client" />
import { expect } from 'vitest';
import type { SqliteConnection } from '../../../../src/branch/db/open.js';

/** What a migration's test does: seed the database at the version before it, check it after. */
export interface MigrationSpec {
  seed(db: SqliteConnection): void;
  check(db: SqliteConnection): void;
}

/** Every file next to this one named like a migration tag (0004_segments.ts) is that migration's spec. */
export function loadSpecs(): Record<string, MigrationSpec> {
  const modules = import.meta.glob<{ default: MigrationSpec }>('./[0-9][0-9][0-9][0-9]_*.ts', { eager: true });
  return Object.fromEntries(Object.entries(modules).map(([path, m]) => [path.replace(/^\.\/|\.ts$/g, ''), m.default]));
}

/** A customer row with only the required columns (for seeding before later migrations). */
export const MINIMAL_CUSTOMER_INSERT =
  "INSERT INTO customers (id, customer_number, full_name, sort_name, home_branch_id, created_at, updated_at, created_by, updated_by) VALUES ('c1', 'A-1', 'Budi', 'budi', 'b', 't', 't', 'u', 'u')";

/** The start the report migrations' seeds share: writes allowed (the guards' function), the branch in WIB, customer c1. */
export function seedWibCustomer(db: SqliteConnection): void {
  db.function('simpul_write_ok', () => 1);
  db.prepare("INSERT INTO branch_settings VALUES ('time_zone', 'WIB')").run();
  db.prepare(MINIMAL_CUSTOMER_INSERT).run();
}

/** The tails rollup holds exactly what its defining view computes. */
export function expectTailsAsDefined(db: SqliteConnection): void {
  expect(db.prepare('SELECT * FROM report_customer_tails ORDER BY month, customer_id').all()).toEqual(
    db.prepare('SELECT * FROM report_customer_tails_source ORDER BY month, customer_id').all(),
  );
}
