import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/api/errors.js';
import { addBranch, listBranches } from '../../../src/headoffice/branches/registry.js';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase, readSchemaVersion, type HeadOfficeDatabase } from '../../../src/headoffice/db/open.js';
import { createStore, DRIVERS, openStore, type TestStore } from './support.js';

const journal = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
const HEAD_OFFICE_TABLES = [
  'admin_tokens',
  'branch_credentials',
  'branches',
  'customer_merge_log',
  'duplicate_candidates',
  'enrolment_tokens',
  'report_anomaly_reviews',
  'report_customer_facts',
  'report_customer_months',
  'report_customers',
  'report_prediction_runs',
  'report_refresh_state',
  'report_sales_hours',
  'report_transactions',
  'sync_conflicts',
  'sync_counter',
  'sync_customer_scope',
  'sync_feed',
  'sync_nodes',
  'sync_objects',
  'sync_quarantine',
];

describe.each(DRIVERS)('head-office database on %s', (driver) => {
  let store: TestStore;
  let database: HeadOfficeDatabase;

  beforeAll(async () => {
    store = await createStore(driver);
    database = await openStore(store, { migrate: false });
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });

  it('starts empty, and migrating creates every head-office table', async () => {
    expect(await tableNames(database)).toEqual([]);
    await database.migrate();
    expect(await tableNames(database)).toEqual(HEAD_OFFICE_TABLES);
    expect(await readSchemaVersion(database.db)).toBe(journal.entries.length);
  });

  it('migrating again changes nothing and keeps the data', async () => {
    await addBranch(database.db, { code: 'JKT01', name: 'Jakarta Pusat' });
    await database.migrate();
    await database.migrate();
    expect(await readSchemaVersion(database.db)).toBe(journal.entries.length);
    expect((await listBranches(database.db)).map((b) => b.code)).toEqual(['JKT01']);
  });

  it('refuses a branch row that breaks the table rules, whatever code writes it', async () => {
    const insert = (code: string, timeZone: string) =>
      database.db.execute(sql`insert into branches (id, code, name, time_zone, created_at) values (${code}, ${code}, 'x', ${timeZone}, now())`);
    await expect(insert('jkt02', 'WIB')).rejects.toThrow();
    await expect(insert('JKT03', 'UTC')).rejects.toThrow();
  });

  it.runIf(driver === 'postgresql')('two processes starting together on an empty database both migrate without error', async () => {
    const fresh = await createStore('postgresql');
    try {
      const opened = await Promise.all([openStore(fresh), openStore(fresh), openStore(fresh)]);
      expect(await readSchemaVersion(opened[0].db)).toBe(journal.entries.length);
      await Promise.all(opened.map((d) => d.close()));
    } finally {
      await fresh.dispose();
    }
  });

  it.runIf(driver === 'pglite')('refuses to open a data directory another open database holds', async () => {
    const second = openDatabase({ dataDir: store.dataDir });
    await expect(second).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(second).rejects.toBeInstanceOf(AppError);
    expect(readFileSync(join(store.dataDir, 'lock'), 'utf8')).toBe(String(process.pid));
  });
});

async function tableNames(database: HeadOfficeDatabase): Promise<string[]> {
  const result = (await database.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  )) as unknown as { rows: { table_name: string }[] };
  return result.rows.map((r) => r.table_name);
}
