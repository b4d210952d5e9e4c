import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addBranch } from '../../../src/headoffice/branches/registry.js';
import { headOfficeRfm } from '../../../src/headoffice/reports/rfm.js';
import { headOfficeCoverage, headOfficePatterns, headOfficeProfitability, headOfficeTop } from '../../../src/headoffice/reports/consolidated.js';
import type { HeadOfficeDatabase } from '../../../src/headoffice/db/open.js';
import { DRIVERS, createStore, openStore, type TestStore } from './support.js';
import { ensureAdminToken } from '../../../src/headoffice/admin/adminTokens.js';
import { buildServer } from '../../../src/headoffice/http/server.js';
import { HEAD_OFFICE_REPORTS } from '../../../src/headoffice/reports/index.js';
import { COMPARED_REPORTS } from '../../../src/headoffice/reports/comparison.js';
import { headOfficeCli as cli } from '../../support/headoffice-cli.js';


/**
 * The head office's consolidated reports, all branches and per branch, on
 * PGlite and PostgreSQL, for all history and for cut periods (whole months,
 * partial months, both). Every expected number is computed below from the
 * TX list by plain JavaScript, never by the report SQL.
 */
const NOW = new Date('2026-11-22T03:00:00.000Z');
const DAY = 86_400_000;
const WIB = 7 * 3_600_000;

interface Tx {
  id: string;
  customer: string;
  branch: 'JKT' | 'SBY';
  at: string;
  amount: number;
  kind?: 'sale' | 'refund';
  voided?: boolean;
}
const TX: Tx[] = [
  ...Array.from({ length: 12 }, (_, i): Tx => ({ id: `t-ani-${i}`, customer: 'c-ani', branch: 'JKT', at: new Date(Date.UTC(2025, 11 + i, 12, 4)).toISOString(), amount: 9_000_000 })),
  { id: 't-ani-sby', customer: 'c-ani', branch: 'SBY', at: '2026-10-20T04:00:00.000Z', amount: 500_000 },
  { id: 't-budi-1', customer: 'c-budi', branch: 'SBY', at: '2024-03-01T04:00:00.000Z', amount: 300_000 },
  { id: 't-budi-2', customer: 'c-budi', branch: 'SBY', at: '2025-06-01T04:00:00.000Z', amount: 300_000 },
  { id: 't-budi-void', customer: 'c-budi', branch: 'SBY', at: '2026-11-01T04:00:00.000Z', amount: 700_000, voided: true },
  { id: 't-budi-refund', customer: 'c-budi', branch: 'JKT', at: '2026-02-10T04:00:00.000Z', amount: 100_000, kind: 'refund' },
  // 09:00 and 21:00 WIB on 10 May: one purchase day; 18:00 UTC on 31 May is 1 June in WIB.
  { id: 't-citra-1', customer: 'c-citra', branch: 'JKT', at: '2026-05-10T02:00:00.000Z', amount: 200_000 },
  { id: 't-citra-2', customer: 'c-citra', branch: 'JKT', at: '2026-05-10T14:00:00.000Z', amount: 200_000 },
  { id: 't-citra-3', customer: 'c-citra', branch: 'SBY', at: '2026-05-31T18:00:00.000Z', amount: 400_000 },
  { id: 't-gone', customer: 'c-gone', branch: 'JKT', at: '2026-11-10T04:00:00.000Z', amount: 5_000_000 },
];
const GONE = new Set(['c-gone']);
const INTERACTIONS = [
  { id: 'i-1', customer: 'c-ani', branch: 'JKT', at: '2026-06-01T03:00:00.000Z' },
  { id: 'i-2', customer: 'c-ani', branch: 'JKT', at: '2026-07-01T03:00:00.000Z' },
  { id: 'i-3', customer: 'c-budi', branch: 'SBY', at: '2025-01-01T03:00:00.000Z' },
];

const midnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`) - WIB;
const localDay = (iso: string) => new Date(Date.parse(iso) + WIB).toISOString().slice(0, 10);

/** Per scope ('*' or a branch) and buyer: revenue, cogs, purchase days, first and last sale, in the period. */
function buyers(period: { from?: string; to?: string }, scope: string) {
  const start = period.from ? midnight(period.from) : -Infinity;
  const end = period.to ? Math.min(midnight(period.to) + DAY, NOW.getTime()) : NOW.getTime();
  const live = TX.filter((t) => !t.voided && !GONE.has(t.customer) && Date.parse(t.at) >= start && Date.parse(t.at) < end);
  const out = new Map<string, { revenue: number; cogs: number; days: number; first: string; last: string }>();
  const customers = new Set(live.map((t) => t.customer));
  for (const c of customers) {
    const mine = live.filter((t) => t.customer === c && (scope === '*' || branchIds[t.branch] === scope));
    const sales = mine.filter((t) => (t.kind ?? 'sale') === 'sale');
    if (sales.length === 0) continue;
    const sign = (t: Tx) => ((t.kind ?? 'sale') === 'sale' ? 1 : -1);
    const times = sales.map((t) => t.at).sort();
    out.set(c, {
      revenue: mine.reduce((s, t) => s + sign(t) * t.amount, 0),
      cogs: mine.reduce((s, t) => s + (sign(t) * t.amount) / 2, 0),
      days: new Set(sales.map((t) => `${t.branch} ${localDay(t.at)}`)).size,
      first: times[0],
      last: times[times.length - 1],
    });
  }
  return { end, out };
}
const branchIds: Record<string, string> = {};

let seq = 0;
const row = (table: string, id: string, customerId: string, data: Record<string, unknown>, branch: string) =>
  sql`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
      VALUES (${table}, ${id}, ${JSON.stringify(data)}::jsonb, '{}'::jsonb, ${++seq}, 'h', ${customerId}, ${branch})
      ON CONFLICT (table_name, row_id) DO UPDATE SET data = EXCLUDED.data, customer_id = EXCLUDED.customer_id, version = EXCLUDED.version`;

const PERIODS: [string, { from?: string; to?: string }][] = [
  ['all history', {}],
  ['whole months (May and June)', { from: '2026-05-01', to: '2026-06-30' }],
  ['inside two months, no whole one', { from: '2026-05-05', to: '2026-06-05' }],
  ['a partial month then whole ones', { from: '2026-04-15', to: '2026-06-30' }],
];

describe.each(DRIVERS)('head-office consolidated reports on %s', (driver) => {
  let store: TestStore;
  let database: HeadOfficeDatabase;
  const scopesOf = <T extends { branchId: string | null }>(r: { all: T; branches: T[] }) => [r.all, ...r.branches].map((s) => [s.branchId ?? '*', s] as const);

  beforeAll(async () => {
    store = await createStore(driver);
    database = await openStore(store);
    const db = database.db;
    branchIds.JKT = (await addBranch(db, { code: 'JKT01', name: 'Jakarta' }, NOW)).id;
    branchIds.SBY = (await addBranch(db, { code: 'SBY01', name: 'Surabaya' }, NOW)).id;
    const home: Record<string, string> = { 'c-ani': 'JKT', 'c-budi': 'SBY', 'c-citra': 'JKT', 'c-gone': 'JKT' };
    for (const [c, b] of Object.entries(home)) {
      await db.execute(row('customers', c, c, { full_name: c.slice(2), customer_number: `N-${c}`, home_branch_id: branchIds[b], deleted: 0, archived_at: GONE.has(c) ? '2026-01-01T00:00:00.000Z' : null }, branchIds[b]));
    }
    const contact = (id: string, c: string, d: Record<string, unknown>) => db.execute(row('contact_points', id, c, { customer_id: c, deleted: 0, invalid: 0, whatsapp: 0, ...d }, branchIds[home[c]]));
    await contact('cp-1', 'c-ani', { kind: 'phone', value: '+62812', phone_kind: 'mobile', whatsapp: 1 });
    await contact('cp-2', 'c-ani', { kind: 'email', value: 'ani@x.id' });
    await contact('cp-3', 'c-budi', { kind: 'phone', value: '+6222', phone_kind: 'landline' });
    await contact('cp-4', 'c-citra', { kind: 'email', value: 'citra@x.id', invalid: 1 });
    for (const t of TX) {
      await db.execute(row('transactions', t.id, t.customer, {
        customer_id: t.customer, branch_id: branchIds[t.branch], occurred_at: t.at, kind: t.kind ?? 'sale', amount: t.amount, cost: t.amount / 2, discount: 0, item_count: 1,
        voided_at: t.voided ? '2026-11-02T00:00:00.000Z' : null,
      }, branchIds[t.branch]));
    }
    for (const i of INTERACTIONS) await db.execute(row('interactions', i.id, i.customer, { customer_id: i.customer, branch_id: branchIds[i.branch], occurred_at: i.at, channel: 'phone' }, branchIds[i.branch]));
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });

  it('keeps the push path free of report work: rows wait until a report refreshes the rollups', async () => {
    const triggers = await database.db.execute(sql`SELECT tgname FROM pg_trigger WHERE tgrelid = 'sync_objects'::regclass AND NOT tgisinternal`);
    expect((triggers as unknown as { rows: unknown[] }).rows).toEqual([]);
    const facts = async () => Number(((await database.db.execute(sql`SELECT count(*) AS n FROM report_customer_facts`)) as unknown as { rows: { n: string }[] }).rows[0].n);
    expect(await facts()).toBe(0);
    const report = await headOfficeRfm(database.db, NOW);
    expect(report.refreshed).toMatchObject({ changed: TX.length, full: true });
    expect(await facts()).toBeGreaterThan(0);
    expect((await headOfficeRfm(database.db, NOW)).refreshed.changed).toBe(0);
  });

  for (const [name, period] of PERIODS) {
    it(`top customers and RFM buyers per branch, ${name}: as computed from the transactions`, async () => {
      const top = await headOfficeTop(database.db, NOW, period);
      const rfm = await headOfficeRfm(database.db, NOW, undefined, period);
      for (const [scope, s] of scopesOf(top)) {
        const { out } = buyers(period, scope);
        const bySpend = [...out].sort((a, b) => b[1].revenue - a[1].revenue || (a[0] < b[0] ? -1 : 1));
        expect(s.bySpend.map((l) => [l.customerId, l.revenue])).toEqual(bySpend.map(([c, e]) => [c, e.revenue]));
        const byDays = [...out].sort((a, b) => b[1].days - a[1].days || b[1].revenue - a[1].revenue || (a[0] < b[0] ? -1 : 1));
        expect(s.byFrequency.map((l) => [l.customerId, l.saleDays])).toEqual(byDays.map(([c, e]) => [c, e.days]));
        expect(s.buyers).toBe(out.size);
      }
      for (const [scope, s] of scopesOf(rfm)) {
        const { out } = buyers(period, scope);
        expect(s.buyers).toBe(out.size);
        expect(s.revenue).toBe([...out.values()].reduce((x, e) => x + e.revenue, 0));
      }
    });

    it(`profitability per branch, ${name}: revenue - cost of goods - interactions at their unit cost`, async () => {
      const p = await headOfficeProfitability(database.db, NOW, period);
      expect(p.costToServe.interactions).toMatchObject({ recorded: true, unitCost: 10_000 });
      const start = period.from ? midnight(period.from) : -Infinity;
      const end = period.to ? Math.min(midnight(period.to) + DAY, NOW.getTime()) : NOW.getTime();
      for (const [scope, s] of scopesOf(p)) {
        const { out } = buyers(period, scope);
        const served = INTERACTIONS.filter((i) => out.has(i.customer) && (scope === '*' || branchIds[i.branch] === scope) && Date.parse(i.at) >= start && Date.parse(i.at) < end).length * 10_000;
        const revenue = [...out.values()].reduce((x, e) => x + e.revenue, 0);
        const cogs = [...out.values()].reduce((x, e) => x + e.cogs, 0);
        expect(s.totals).toEqual({ customers: out.size, revenue, cogs, costToServe: served, profit: revenue - cogs - served });
        if (out.size) expect(s.most[0].profit).toBe(Math.max(...s.least.map((l) => l.profit)));
      }
    });
  }

  it('coverage per home branch: phones, mobiles, valid emails, WhatsApp, active', async () => {
    const c = await headOfficeCoverage(database.db, NOW);
    expect(c.all).toMatchObject({ customers: 3, phone: 2, mobile: 1, email: 1, whatsapp: 1, validContact: 2, active: 2 });
    const byCode = Object.fromEntries(c.branches.map((b) => [b.code, b]));
    expect(byCode.JKT01).toMatchObject({ customers: 2, phone: 1, mobile: 1, email: 1, validContact: 1, active: 2 });
    expect(byCode.SBY01).toMatchObject({ customers: 1, phone: 1, mobile: 0, email: 0, validContact: 1, active: 0 });
  });

  it('seasonality per selling branch by WIB month, weekday and hour', async () => {
    const p = await headOfficePatterns(database.db, NOW);
    for (const [scope, s] of scopesOf(p)) {
      const mine = TX.filter((t) => !t.voided && (t.kind ?? 'sale') === 'sale' && (scope === '*' || branchIds[t.branch] === scope));
      const local = (t: Tx) => new Date(Date.parse(t.at) + WIB);
      expect(s.byMonth.map((m) => m.sales)).toEqual(Array.from({ length: 12 }, (_, i) => mine.filter((t) => local(t).getUTCMonth() === i).length));
      expect(s.byWeekday.map((m) => m.sales)).toEqual(Array.from({ length: 7 }, (_, i) => mine.filter((t) => local(t).getUTCDay() === i).length));
      expect(s.byHour.map((m) => m.sales)).toEqual(Array.from({ length: 24 }, (_, i) => mine.filter((t) => local(t).getUTCHours() === i).length));
    }
  });

  it('follows a void and a merge that arrive after the first refresh', async () => {
    const db = database.db;
    const t = TX.find((x) => x.id === 't-citra-3')!;
    await db.execute(row('transactions', t.id, 'c-ani', { customer_id: 'c-ani', branch_id: branchIds.SBY, occurred_at: t.at, kind: 'sale', amount: t.amount, cost: t.amount / 2, voided_at: null }, branchIds.SBY));
    const v = TX.find((x) => x.id === 't-ani-0')!;
    await db.execute(row('transactions', v.id, 'c-ani', { customer_id: 'c-ani', branch_id: branchIds.JKT, occurred_at: v.at, kind: 'sale', amount: v.amount, cost: v.amount / 2, voided_at: '2026-11-20T00:00:00.000Z' }, branchIds.JKT));
    t.customer = 'c-ani';
    v.voided = true;
    const top = await headOfficeTop(db, NOW);
    expect(top.refreshed).toMatchObject({ changed: 2, full: false });
    for (const [scope, s] of scopesOf(top)) {
      const { out } = buyers({}, scope);
      expect(s.bySpend.map((l) => [l.customerId, l.revenue, l.saleDays])).toEqual(
        [...out].sort((a, b) => b[1].revenue - a[1].revenue).map(([c, e]) => [c, e.revenue, e.days]),
      );
    }
  });

  it('serves every report on the admin API with its branch comparison, and refuses a bad period or name', async () => {
    const setup = await ensureAdminToken(database.db, { tokenFile: `${store.dataDir}/admin-token` });
    if (setup.kind !== 'generated') throw new Error('expected a fresh admin key');
    const token = setup.token;
    const app = buildServer({ database, clock: () => NOW });
    try {
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      for (const name of HEAD_OFFICE_REPORTS) {
        const response = await get(`/admin/reports/${name}?from=2026-05-01&to=2026-06-30`);
        expect(response.statusCode).toBe(200);
        const value = response.json().value;
        expect(value.branches.map((b: { code: string }) => b.code)).toEqual(['JKT01', 'SBY01']);
        expect(value.all.branchId).toBeNull();
      }
      const top = (await get('/admin/reports/top?from=2026-05-01&to=2026-06-30')).json().value;
      expect(top.all.bySpend.map((l: { revenue: number }) => l.revenue)).toEqual([...buyers({ from: '2026-05-01', to: '2026-06-30' }, '*').out.values()].map((e) => e.revenue).sort((a, b) => b - a));
      const bad = await get('/admin/reports/rfm?from=2026-06-01&to=2026-05-01');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0]).toMatchObject({ path: ['to'], code: 'period_order' });
      expect((await get('/admin/reports/rfm?from=kemarin')).statusCode).toBe(400);
      expect((await get('/admin/reports/rfm?branch=x')).statusCode).toBe(400);
      expect((await get('/admin/reports/teleport')).statusCode).toBe(404);

      // The console's branch comparison: a column per scope, numbers picked from the same report.
      for (const name of COMPARED_REPORTS) {
        const response = await get(`/admin/console/reports/${name}?from=2026-05-01&to=2026-06-30`);
        expect(response.statusCode).toBe(200);
        const comparison = response.json().value;
        expect(comparison.scopes.map((s: { code: string | null }) => s.code)).toEqual([null, 'JKT01', 'SBY01']);
        for (const m of comparison.measures) expect(m.values).toHaveLength(3);
      }
      const profit = (await get('/admin/console/reports/profitability?from=2026-05-01&to=2026-06-30')).json().value;
      const revenueOf = (scope: string) => [...buyers({ from: '2026-05-01', to: '2026-06-30' }, scope).out.values()].reduce((sum, e) => sum + e.revenue, 0);
      expect(profit.measures.find((m: { key: string }) => m.key === 'revenue').values).toEqual([revenueOf('*'), revenueOf(branchIds.JKT), revenueOf(branchIds.SBY)]);
      expect((await get('/admin/console/reports/rfm?from=kemarin')).statusCode).toBe(400);
      expect((await get('/admin/console/reports/teleport')).statusCode).toBe(404);
      // The prediction says when its model was fitted; refit=1 fits it again (and only the prediction takes it).
      const stored = (await get('/admin/console/reports/prediction?from=2026-05-01&to=2026-06-30')).json().value.model;
      expect(typeof stored.fittedAt).toBe('string');
      const refit = await get('/admin/console/reports/prediction?from=2026-05-01&to=2026-06-30&refit=1');
      expect(refit.statusCode).toBe(200);
      expect(Date.parse(refit.json().value.model.fittedAt)).toBeGreaterThanOrEqual(Date.parse(stored.fittedAt));
      for (const bad of ['/admin/console/reports/rfm?refit=1', '/admin/console/reports/prediction?refit=yes']) expect((await get(bad)).statusCode, bad).toBe(400);

      // The same comparison as files; a bad format or name is refused before any work.
      const csv = await get('/admin/reports/profitability/export?format=csv&from=2026-05-01&to=2026-06-30');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="simpul-kantor-pusat-profitability-2026-11-22\.csv"/);
      expect(csv.body).toContain(`JKT01`);
      expect(csv.body).toContain(`,${revenueOf('*')},`);
      const pdf = await get('/admin/reports/rfm/export?format=pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await get('/admin/reports/coverage/export?format=xlsx');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect((await get('/admin/reports/rfm/export?format=docx')).statusCode).toBe(400);
      expect((await get('/admin/reports/rfm/export')).statusCode).toBe(400);
      expect((await get('/admin/reports/teleport/export?format=csv')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it.runIf(driver === 'postgresql')('prints every report as JSON from the command line, and refuses an unknown one with exit 2', async () => {
    const storage = ['--data-dir', store.dataDir, '--database-url', store.databaseUrl!];
    for (const name of HEAD_OFFICE_REPORTS) {
      const run = await cli(['report', name, '--json', ...storage]);
      expect(run.code).toBe(0);
      const { ok, value } = JSON.parse(run.stdout);
      expect(ok).toBe(true);
      expect(value.branches).toHaveLength(2);
    }
    const text = await cli(['report', 'profitability', '--from', '2026-05-01', '--to', '2026-06-30', ...storage]);
    expect(text.stdout).toMatch(/JKT01\s+SBY01/);
    const unknown = await cli(['report', 'teleport', '--json', ...storage]);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.code).toBe('VALIDATION_FAILED');
    // Ten CLI processes, each starting Node with tsx and opening PostgreSQL: 3-9 s apiece on a loaded 2-core machine.
  }, 240_000);
});
