import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { bigint, pgSchema, serial, text, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir } from './dataDirLock.js';
import * as registrySchema from './schema.js';
import * as syncSchema from '../sync/schema.js';

const schema = { ...registrySchema, ...syncSchema };

/**
 * The one place that opens the head-office database. Everything else sees
 * `HeadOfficeDb`, a drizzle PostgreSQL database that is the same whether it
 * runs on PGlite (zero setup, one process) or a real PostgreSQL server
 * (several server processes behind a load balancer).
 */

export type DatabaseDriver = 'pglite' | 'postgresql';

/** A drizzle database or a transaction on one; services accept either. */
export type HeadOfficeDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface HeadOfficeDatabase {
  db: HeadOfficeDb;
  driver: DatabaseDriver;
  /** Where the data lives, for people: a directory or the URL without its password. */
  location: string;
  /** Applies pending migrations; safe to call again and from several processes at once. */
  migrate(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL: use that server. Otherwise PGlite in dataDir. */
  databaseUrl?: string;
  /** Head-office data directory (PGlite lives in its pglite/ folder); created if missing. Unused by PostgreSQL. */
  dataDir?: string;
  /** Run migrations before returning (default true). */
  migrate?: boolean;
  migrationsFolder?: string;
}

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle/headoffice', import.meta.url));

// Any fixed number works; it only has to be the same in every head-office process.
const MIGRATION_LOCK_KEY = 7_340_001;

export async function openDatabase(options: OpenDatabaseOptions): Promise<HeadOfficeDatabase> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, migrationsFolder)
    : await openPglite(resolve(options.dataDir ?? '.data/headoffice'), migrationsFolder);
  if (options.migrate !== false) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
  }
  return database;
}

/**
 * PGlite keeps the database in <dataDir>/pglite. Only one process may open
 * it (two would corrupt it), so the directory is locked while open.
 */
async function openPglite(dataDir: string, migrationsFolder: string): Promise<HeadOfficeDatabase> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(join(dataDir, 'pglite'));
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client, schema });
  return {
    db,
    driver: 'pglite',
    location: dataDir,
    // PGlite is one connection in one process: migrations cannot race.
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        unlock();
      }
    },
  };
}

function openPostgres(databaseUrl: string, migrationsFolder: string): HeadOfficeDatabase {
  // Without a connect timeout a dead server makes /health hang instead of answering 503.
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzleNodePg({ client: pool, schema });
  return {
    db,
    driver: 'postgresql',
    location: redactUrl(databaseUrl),
    migrate: async () => {
      // Two server processes starting together would otherwise both apply migration 0000.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    close: async () => {
      // Closing twice (a signal during shutdown, a test cleanup) is not an error.
      if (!pool.ended) await pool.end();
    },
  };
}

/** Number of migrations applied: the schema version reported by /health. */
export async function readSchemaVersion(db: HeadOfficeDb): Promise<number> {
  const [row] = await db.select({ applied: sql<number>`count(*)::int` }).from(appliedMigrations);
  return Number(row?.applied ?? 0);
}

// drizzle's own bookkeeping table, written by both migrators. Declared here,
// not in schema.ts, so drizzle-kit never tries to create it.
const appliedMigrations = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgresql';
  }
}
