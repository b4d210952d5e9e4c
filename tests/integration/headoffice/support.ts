import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { adminTokens, branchCredentials, branches, enrolmentTokens } from '../../../src/headoffice/db/schema.js';
import { openDatabase, type DatabaseDriver, type HeadOfficeDatabase, type HeadOfficeDb } from '../../../src/headoffice/db/open.js';

/**
 * Every head-office integration suite runs once per driver: PGlite in a temp
 * directory, and a fresh uniquely named database on the local PostgreSQL 15.
 */

export const DRIVERS: DatabaseDriver[] = ['pglite', 'postgresql'];

const MAINTENANCE_URL = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  driver: DatabaseDriver;
  /** PGlite: the data directory. PostgreSQL: a scratch directory for files (admin-token). */
  dataDir: string;
  /** PostgreSQL only. */
  databaseUrl?: string;
  dispose(): Promise<void>;
}

/** An empty store: a new temp dir, plus a new PostgreSQL database for that driver. */
export async function createStore(driver: DatabaseDriver): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'simpul-ho-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (driver === 'pglite') return { driver, dataDir, dispose: async () => removeDir() };
  const name = `simpul_test_${randomBytes(6).toString('hex')}`;
  await maintenance((client) => client.query(`create database ${name}`));
  const url = new URL(MAINTENANCE_URL);
  url.pathname = `/${name}`;
  return {
    driver,
    dataDir,
    databaseUrl: url.toString(),
    dispose: async () => {
      removeDir();
      // FORCE: a pool a failed test left open must not keep the database alive.
      await maintenance((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export function openStore(store: TestStore, options: { migrate?: boolean } = {}): Promise<HeadOfficeDatabase> {
  return openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, migrate: options.migrate });
}

/** Empties every head-office table, so tests sharing one database start clean. */
export async function clearTables(db: HeadOfficeDb): Promise<void> {
  await db.execute(sql`truncate table enrolment_tokens, branch_credentials, admin_tokens, branches`);
}

/** Rows in every head-office table: tests compare these before and after a refused request. */
export async function tableCounts(db: HeadOfficeDb): Promise<Record<string, number>> {
  return {
    branches: await db.$count(branches),
    enrolmentTokens: await db.$count(enrolmentTokens),
    branchCredentials: await db.$count(branchCredentials),
    adminTokens: await db.$count(adminTokens),
  };
}

async function maintenance<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: MAINTENANCE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
