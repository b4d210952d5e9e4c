/// <reference types="vite/client" />
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
