import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addBranch } from '../../../src/headoffice/branches/registry.js';
import { headOfficeRfm } from '../../../src/headoffice/reports/rfm.js';
import { comparisonTable } from '../../../src/headoffice/reports/index.js';
import type { HeadOfficeDatabase } from '../../../src/headoffice/db/open.js';
import { DRIVERS, createStore, openStore, type TestStore } from './support.js';

/**
 * Consolidated RFM at the head office, on PGlite and PostgreSQL: synced
 * transactions (rows of sync_objects, as a push writes them) land in the
 * report facts by trigger; the report compares branches. Expected numbers
 * are worked out by hand from the rows below.
 */
const NOW = new Date('2026-11-22T03:00:00.000Z');
let seq = 0;
const row = (table: string, id: string, customerId: string, data: Record<string, unknown>, branch: string) =>
  sql`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
      VALUES (${table}, ${id}, ${JSON.stringify(data)}::jsonb, '{}'::jsonb, ${++seq}, 'h', ${customerId}, ${branch})
      ON CONFLICT (table_name, row_id) DO UPDATE SET data = EXCLUDED.data, customer_id = EXCLUDED.customer_id, version = EXCLUDED.version`;
const sale = (id: string, customer: string, branch: string, occurredAt: string, amount: number, extra: Record<string, unknown> = {}) =>
  row('transactions', id, customer, { customer_id: customer, branch_id: branch, occurred_at: occurredAt, kind: 'sale', amount, cost: amount / 2, discount: 0, item_count: 1, ...extra }, branch);

describe.each(DRIVERS)('head-office RFM on %s', (driver) => {
  let store: TestStore;
  let database: HeadOfficeDatabase;
  let jkt: string;
  let sby: string;
  beforeAll(async () => {
    store = await createStore(driver);
    database = await openStore(store);
    const db = database.db;
    jkt = (await addBranch(db, { code: 'JKT01', name: 'Jakarta' }, NOW)).id;
    sby = (await addBranch(db, { code: 'SBY01', name: 'Surabaya' }, NOW)).id;
    await db.execute(row('customers', 'c-ani', 'c-ani', { full_name: 'Ani', deleted: 0, archived_at: null }, jkt));
    await db.execute(row('customers', 'c-budi', 'c-budi', { full_name: 'Budi', deleted: 0, archived_at: null }, sby));
    await db.execute(row('customers', 'c-gone', 'c-gone', { full_name: 'Arsip', deleted: 0, archived_at: '2026-01-01T00:00:00.000Z' }, jkt));
    // Ani: monthly at Jakarta for a year (Rp9 jt each: Platinum, a champion), once at Surabaya last month.
    for (let i = 0; i < 12; i++) await db.execute(sale(`t-ani-${i}`, 'c-ani', jkt, new Date(Date.UTC(2025, 11 + i, 12, 4)).toISOString(), 9_000_000));
    await db.execute(sale('t-ani-sby', 'c-ani', sby, '2026-10-20T04:00:00.000Z', 500_000));
    // Budi: twice at Surabaya, the last over a year ago; and a voided sale that does not count.
    await db.execute(sale('t-budi-1', 'c-budi', sby, '2024-03-01T04:00:00.000Z', 300_000));
    await db.execute(sale('t-budi-2', 'c-budi', sby, '2025-06-01T04:00:00.000Z', 300_000));
    await db.execute(sale('t-budi-void', 'c-budi', sby, '2026-11-01T04:00:00.000Z', 700_000, { voided_at: '2026-11-02T00:00:00.000Z' }));
    // The archived customer's sale is left out.
    await db.execute(sale('t-gone', 'c-gone', jkt, '2026-11-10T04:00:00.000Z', 5_000_000));
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });

  const count = <T extends { bucket: string; customers: number }>(list: T[]) => Object.fromEntries(list.filter((b) => b.customers > 0).map((b) => [b.bucket, b.customers]));

  it('classes every live buyer over all branches and per selling branch', async () => {
    const report = await headOfficeRfm(database.db, NOW);
    expect(report.all.buyers).toBe(2);
    expect(report.all.revenue).toBe(12 * 9_000_000 + 500_000 + 600_000);
    expect(count(report.all.segments)).toEqual({ champions: 1, hibernating: 1 });
    expect(count(report.all.tiers)).toEqual({ platinum: 1, bronze: 1 });
    const byCode = Object.fromEntries(report.branches.map((b) => [b.code, b]));
    expect(byCode.JKT01).toMatchObject({ buyers: 1, revenue: 108_000_000 });
    expect(byCode.SBY01).toMatchObject({ buyers: 2, revenue: 1_100_000 });
    // At Surabaya Ani bought once, last month: recent, once a year; new? No: her first purchase anywhere was a year ago.
    expect(count(byCode.SBY01.recency)).toEqual({ under3m: 1, over1y: 1 });
    expect(count(byCode.SBY01.segments)).toEqual({ potential: 1, hibernating: 1 });
    const table = comparisonTable('rfm', report).split('\n');
    expect(table[0]).toMatch(/^\s+Semua\s+JKT01\s+SBY01$/);
    // The text table holds the report's numbers: buyers per scope, and Surabaya's segment shares.
    expect(table.find((l) => l.trim().startsWith('Pelanggan membeli'))!.trim().split(/\s{2,}/).slice(1)).toEqual([report.all, ...report.branches].map((s) => String(s.buyers)));
    // Surabaya: one potential, one hibernating buyer (above), so half of its buyers sleep.
    expect(table.find((l) => l.trim().startsWith('Tidur'))!.trim().split(/\s{2,}/)[3]).toBe('50.0%');
  });

  it('follows a transaction re-pointed to another customer (a merge) and a later void', async () => {
    await database.db.execute(sale('t-budi-2', 'c-ani', sby, '2025-06-01T04:00:00.000Z', 300_000));
    await database.db.execute(sale('t-ani-sby', 'c-ani', sby, '2026-10-20T04:00:00.000Z', 500_000, { voided_at: '2026-11-21T00:00:00.000Z' }));
    const report = await headOfficeRfm(database.db, NOW);
    const sbyScope = report.branches.find((b) => b.code === 'SBY01')!;
    expect(sbyScope.revenue).toBe(600_000);
    expect(report.all.revenue).toBe(108_000_000 + 600_000);
  });
});
