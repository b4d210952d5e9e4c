import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteConnection } from './open.js';

/**
 * Applies the migrations drizzle-kit generated into drizzle/branch, in journal
 * order, each in its own transaction, recorded in schema_migrations.
 *
 * Why not drizzle's own migrator: tests must build a database at version N-1
 * to test migration N (migrateTo), and a database that has a migration this
 * app does not know, or whose recorded file changed, must be refused rather
 * than guessed at. The folder format is drizzle-kit's, untouched.
 */

export interface Migration {
  idx: number;
  tag: string;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function loadMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .slice()
    .sort((a, b) => a.idx - b.idx)
    .map((e, i) => {
      if (e.idx !== i) throw new MigrationError(`migration journal has a gap before ${e.tag}`);
      const sql = readFileSync(join(dir, `${e.tag}.sql`), 'utf8');
      return {
        idx: e.idx,
        tag: e.tag,
        hash: createHash('sha256').update(sql).digest('hex'),
        statements: sql
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.replace(/--[^\n]*\n?/g, '').trim() !== ''),
      };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  idx INTEGER PRIMARY KEY,
  tag TEXT NOT NULL,
  hash TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The highest applied migration index, or -1 for an empty database. */
export function schemaVersion(db: SqliteConnection): number {
  db.exec(LEDGER);
  const row = db.prepare('SELECT max(idx) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? -1;
}

/**
 * Brings the database to `target` (default: the newest). Refuses a database
 * that is ahead of this app or whose history differs from the files.
 */
export function migrate(db: SqliteConnection, migrations: Migration[], target = migrations.length - 1): number {
  db.exec(LEDGER);
  const applied = db.prepare('SELECT idx, tag, hash FROM schema_migrations ORDER BY idx').all() as {
    idx: number;
    tag: string;
    hash: string;
  }[];
  for (const row of applied) {
    const known = migrations[row.idx];
    if (!known) {
      throw new MigrationError(
        `database is at schema ${row.tag}, newer than this app knows (${migrations.length} migrations); update the app`,
      );
    }
    if (known.hash !== row.hash || known.tag !== row.tag) {
      throw new MigrationError(`migration ${row.tag} recorded in the database differs from ${known.tag} in this app`);
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations.slice(applied.length, target + 1)) {
    db.transaction(() => {
      for (const statement of m.statements) db.exec(statement);
      record.run(m.idx, m.tag, m.hash, new Date().toISOString());
    }).immediate();
  }
  return schemaVersion(db);
}
