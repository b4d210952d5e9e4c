import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as domainSchema from './schema.js';
import * as syncSchema from '../sync/schema.js';

const schema = { ...domainSchema, ...syncSchema };
import { loadMigrations, migrate } from './migrate.js';

/**
 * The one module that opens the branch database. Everything else receives a
 * BranchDatabase. better-sqlite3-multiple-ciphers is better-sqlite3 with
 * SQLCipher built in, so encryption at rest (REQUIREMENTS P6) is a key away.
 */

export type SqliteConnection = Database.Database;
export type BranchOrm = BetterSQLite3Database<typeof schema>;

export interface BranchDatabase {
  sqlite: SqliteConnection;
  orm: BranchOrm;
  file: string;
  encrypted: boolean;
  schemaVersion: number;
  /**
   * Runs fn with writes to synced tables allowed. Only the change-capturing
   * writer and sync's apply call this; anything else writing a synced table
   * is refused by the guard triggers (drizzle/branch/0003_sync_guards.sql).
   */
  asSyncWriter<T>(fn: () => T): T;
  /**
   * Runs fn as sync's apply: synced tables may be written, and so may the
   * reference tables (the catalogue), which only the head office writes and
   * only a pull brings (simpul_apply_ok(), drizzle/branch guard triggers).
   */
  asSyncApplier<T>(fn: () => T): T;
  close(): void;
}

export interface OpenOptions {
  /** Database file; ':memory:' for throwaway tests. */
  file: string;
  /** SQLCipher passphrase. Without it the file is plain SQLite. */
  encryptionKey?: string;
  migrationsDir?: string;
  /** Stop at this migration index (migration tests). */
  migrateTo?: number;
}

export function defaultMigrationsDir(): string {
  if (process.env.SIMPUL_BRANCH_MIGRATIONS) return resolve(process.env.SIMPUL_BRANCH_MIGRATIONS);
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../../drizzle/branch');
}

export function openBranchDatabase(options: OpenOptions): BranchDatabase {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  try {
    if (options.encryptionKey) {
      sqlite.pragma(`cipher='sqlcipher'`);
      sqlite.pragma(`key='${options.encryptionKey.replace(/'/g, "''")}'`);
    }
    // Reading the schema fails here, not later, when the key is wrong.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed write survives power loss, not only a crash (REQUIREMENTS B2).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('cache_size = -65536');
    let writerDepth = 0;
    let applierDepth = 0;
    sqlite.function('simpul_write_ok', { deterministic: false, varargs: false }, () => (writerDepth > 0 ? 1 : 0));
    sqlite.function('simpul_apply_ok', { deterministic: false, varargs: false }, () => (applierDepth > 0 ? 1 : 0));
    const asSyncWriter = <T>(fn: () => T): T => {
      writerDepth += 1;
      try {
        return fn();
      } finally {
        writerDepth -= 1;
      }
    };
    const asSyncApplier = <T>(fn: () => T): T => {
      applierDepth += 1;
      try {
        return asSyncWriter(fn);
      } finally {
        applierDepth -= 1;
      }
    };
    const version = migrate(sqlite, loadMigrations(options.migrationsDir ?? defaultMigrationsDir()), options.migrateTo);
    const orm = drizzle(sqlite as never, { schema }) as BranchOrm;
    return {
      sqlite,
      orm,
      file: options.file,
      encrypted: Boolean(options.encryptionKey),
      schemaVersion: version,
      asSyncWriter,
      asSyncApplier,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function branchDatabaseFile(dataDir: string): string {
  return join(dataDir, 'simpul-branch.db');
}
