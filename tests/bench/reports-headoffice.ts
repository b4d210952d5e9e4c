import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/headoffice/db/open.js';
import { refreshReports } from '../../src/headoffice/reports/refresh.js';
import { runHeadOfficeReport } from '../../src/headoffice/reports/index.js';
import { log, type Row } from './stats.js';

/**
 * The head office's consolidated reports on the local PostgreSQL 15 over ten
 * branches' synced data: 1,000,000 customers and 5,000,000 transactions as
 * rows of sync_objects (the shape a push writes), with line items of every
 * fifth sale, a case per 50 customers and an interaction per 4, generated in SQL once into
 * the database simpul_bench_reports_<customers>. The rollups are off the push
 * path: the first refresh counts everything (timed), each report then
 * refreshes what arrived since; the push's cost is measured on a push-sized
 * batch against the same batch without the one index it adds.
 */
const ADMIN = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'simpul_bench_reports';

export async function headOfficeBenchmark(customers = 1_000_000, transactions = 5_000_000): Promise<Row[]> {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  const name = `${NAME}_${customers}`;
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  const rows: Row[] = [];
  try {
    const db = database.db;
    const count = async (q: string) => Number(((await db.execute(sql.raw(q))) as unknown as { rows: { n: string }[] }).rows[0].n);
    if ((await count("SELECT count(*) AS n FROM sync_objects WHERE table_name = 'transactions'")) < transactions) {
      log(`head office: generating ${customers.toLocaleString('en-US')} customers, ${transactions.toLocaleString('en-US')} transactions over 10 branches`);
      const started = performance.now();
      await db.execute(sql.raw(`TRUNCATE sync_objects, report_transactions, report_customer_facts, report_customer_months, report_customers, report_sales_hours, branches CASCADE`));
      await db.execute(sql.raw(`UPDATE report_refresh_state SET done_version = 0`));
      await db.execute(sql.raw(`INSERT INTO branches (id, code, name, status, time_zone, created_at)
        SELECT 'branch-' || b, 'CB' || lpad(b::text, 2, '0'), 'Cabang ' || b, 'active', 'WIB', now() FROM generate_series(1, 10) b`));
      await db.execute(sql.raw(`SELECT setseed(0.42)`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'customers', 'c' || c, jsonb_build_object('full_name', 'Pelanggan ' || c, 'customer_number', 'CB-' || c, 'home_branch_id', 'branch-' || (1 + c % 10), 'deleted', 0,
            'archived_at', CASE WHEN c % 97 = 0 THEN '2026-01-01T00:00:00.000Z' END),
          '{}', c, 'h', 'c' || c, 'branch-' || (1 + c % 10) FROM generate_series(1, ${customers}) c`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'contact_points', 'p' || c, jsonb_build_object('customer_id', 'c' || c, 'kind', CASE WHEN c % 5 = 0 THEN 'email' ELSE 'phone' END, 'value', 'v' || c,
            'phone_kind', CASE WHEN c % 3 = 0 THEN 'landline' ELSE 'mobile' END, 'whatsapp', (c % 2)::int, 'invalid', (c % 41 = 0)::int, 'deleted', 0),
          '{}', ${customers} + c, 'h', 'c' || c, 'branch-' || (1 + c % 10) FROM generate_series(1, ${customers}) c WHERE c % 10 < 8`));
      // Skewed buying: a few customers buy often (power of a uniform draw), most rarely.
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'transactions', 't' || t, jsonb_build_object('customer_id', 'c' || c, 'branch_id', b, 'occurred_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'kind', CASE WHEN random() < 0.015 THEN 'refund' ELSE 'sale' END, 'amount', amount, 'cost', (amount * 0.7)::bigint, 'discount', 0, 'item_count', 1, 'voided_at', NULL),
          '{}', ${2 * customers} + t, 'h', 'c' || c, b
        FROM (SELECT t, c, CASE WHEN random() < 0.9 THEN 'branch-' || (1 + c % 10) ELSE 'branch-' || (1 + (random() * 9)::int) END AS b,
                timestamptz '2026-11-22 03:00:00+00' - random() * interval '1095 days' AS at, (50000 + 1000 * floor(exp(random() * 6)))::bigint AS amount
              FROM (SELECT t, 1 + floor(${customers} * power(random(), 1.6))::int AS c FROM generate_series(1, ${transactions}) t) x) y`));
      await db.execute(sql.raw(`UPDATE sync_counter SET seq = ${2 * customers + transactions} WHERE id = 1`));
      await db.execute(sql.raw('ANALYZE'));
      rows.push({ benchmark: '  head office: generate 10 branches of synced rows (SQL)', measured: (performance.now() - started) / 1000, unit: 's' });
    }
    if ((await count("SELECT count(*) AS n FROM sync_objects WHERE table_name = 'line_items'")) === 0) {
      // For bundles, service and activity: line items of every fifth sale (1-3 of 40 catalogue products), a case per 50 customers, an interaction per 4.
      log('head office: generating line items, cases and interactions');
      const started = performance.now();
      await db.execute(sql.raw(`SELECT setseed(0.43)`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'catalogue_items', 'prod-' || p, jsonb_build_object('sku', 'SKU-' || p, 'name', 'Produk ' || p, 'kind', 'product', 'unit_price', 100000),
          '{}', (SELECT seq FROM sync_counter) + p, 'h', NULL, 'head-office' FROM generate_series(1, 40) p`));
      await db.execute(sql.raw(`UPDATE sync_counter SET seq = seq + 40 WHERE id = 1`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'line_items', 'li-' || o.row_id || '-' || k, jsonb_build_object('transaction_id', o.row_id, 'customer_id', o.customer_id, 'branch_id', o.data->>'branch_id',
            'product_id', 'prod-' || (1 + (abs(hashtext(o.row_id || k)) % 40)), 'quantity', 1, 'unit_price', 100000, 'unit_cost', 70000, 'discount', 0, 'amount', 100000),
          '{}', (SELECT seq FROM sync_counter) + row_number() OVER (), 'h', o.customer_id, o.created_by_branch
        FROM sync_objects o CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(o.row_id)) % 3) k
        WHERE o.table_name = 'transactions' AND o.data->>'kind' = 'sale' AND abs(hashtext(o.row_id)) % 5 = 0`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'cases', 'case-' || c, jsonb_build_object('customer_id', 'c' || c, 'branch_id', 'branch-' || (1 + c % 10), 'case_number', 'K-' || c, 'kind', 'complaint',
            'category', (ARRAY['product_defect', 'billing', 'delivery', 'service_quality'])[1 + c % 4], 'department', (ARRAY['sales', 'service', 'quality_control', 'shipment', 'marketing'])[1 + c % 5],
            'priority', 'normal', 'subject', 'Keluhan', 'status', CASE WHEN c % 5 = 0 THEN 'open' ELSE 'resolved' END,
            'opened_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'opened_by', 'staff-' || (c % 200), 'opened_by_name', 'Staf ' || (c % 200),
            'sla_due_at', to_char((at + interval '48 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'resolved_at', CASE WHEN c % 5 = 0 THEN NULL ELSE to_char((at + random() * interval '96 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
            'satisfaction', CASE WHEN c % 3 = 0 THEN 1 + c % 5 END, 'escalation_level', 0, 'deleted', 0),
          '{}', (SELECT seq FROM sync_counter) + c, 'h', 'c' || c, 'branch-' || (1 + c % 10)
        FROM (SELECT c, timestamptz '2026-11-22 03:00:00+00' - random() * interval '1095 days' AS at FROM generate_series(50, ${customers}, 50) c) x`));
      await db.execute(sql.raw(`UPDATE sync_counter SET seq = (SELECT max(version) FROM sync_objects) WHERE id = 1`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'interactions', 'int-' || c, jsonb_build_object('customer_id', 'c' || c, 'branch_id', 'branch-' || (1 + c % 10), 'channel', (ARRAY['phone', 'whatsapp', 'counter', 'email'])[1 + c % 4],
            'occurred_at', to_char((timestamptz '2026-11-22 03:00:00+00' - random() * interval '1095 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'staff_id', 'staff-' || (c % 200), 'staff_name', 'Staf ' || (c % 200)),
          '{}', (SELECT seq FROM sync_counter) + c, 'h', 'c' || c, 'branch-' || (1 + c % 10)
        FROM generate_series(4, ${customers}, 4) c`));
      await db.execute(sql.raw(`UPDATE sync_counter SET seq = (SELECT max(version) FROM sync_objects) WHERE id = 1`));
      await db.execute(sql.raw('ANALYZE'));
      rows.push({ benchmark: '  head office: generate line items, cases and interactions (SQL)', measured: (performance.now() - started) / 1000, unit: 's' });
    }
    log('head office: refreshing the report rollups (first refresh: all of it)');
    let t = performance.now();
    const first = await refreshReports(db);
    if (first.changed) {
      rows.push({ benchmark: `  head office: first rollup refresh (${first.changed.toLocaleString('en-US')} transactions, set-based)`, measured: (performance.now() - t) / 1000, unit: 's' });
      await db.execute(sql.raw('ANALYZE'));
    }
    // What a server's autovacuum does after bulk writes (the visibility map for index-only scans, dead rows of a
    // migration's UPDATE gone, fresh statistics); the local bench server runs with autovacuum off. Quick when nothing changed.
    log('head office: VACUUM ANALYZE of the report tables');
    t = performance.now();
    await db.execute(sql.raw('VACUUM (ANALYZE) report_transactions, report_customer_facts, report_customer_months, report_customers, report_sales_hours'));
    rows.push({ benchmark: '  head office: VACUUM ANALYZE of the report tables (autovacuum is off on the bench server)', measured: (performance.now() - t) / 1000, unit: 's' });
    const now = new Date('2026-11-22T03:00:00Z');
    log('head office: raw GROUP BY baseline');
    t = performance.now();
    await db.execute(sql.raw(`SELECT count(*) FROM (SELECT customer_id, max(data->>'occurred_at'), sum((data->>'amount')::bigint) FROM sync_objects WHERE table_name = 'transactions' GROUP BY customer_id) x`));
    const baseline = { name: 'raw GROUP BY over the synced JSON', value: performance.now() - t };
    const last12 = { from: '2025-11-23', to: '2026-11-22' };
    const cases: [string, string, { from?: string; to?: string; refit?: '1' }][] = [
      ['RFM (all history)', 'rfm', {}],
      ['RFM (last 12 months)', 'rfm', last12],
      ['top 10 and distribution', 'top', {}],
      ['top 10 (last 12 months)', 'top', last12],
      ['profitability', 'profitability', {}],
      ['profitability (last 12 months)', 'profitability', last12],
      ['coverage', 'coverage', {}],
      ['patterns', 'patterns', {}],
      ['patterns (last 12 months)', 'patterns', last12],
      ['service and activity', 'service', {}],
      ['service (last 12 months)', 'service', last12],
      ['anomalies', 'anomalies', {}],
      ['anomalies (last 12 months)', 'anomalies', last12],
      // The first request of a day for a period fits 11 models (all branches, then each branch); the later ones score with the stored runs.
      ['prediction (fitted: all + 10 branches)', 'prediction', { refit: '1' }],
      ['prediction (with the day\'s stored fit)', 'prediction', {}],
      ['prediction (last 12 months, fitted)', 'prediction', { ...last12, refit: '1' }],
      ['prediction (last 12 months, stored fit)', 'prediction', last12],
    ];
    for (const [label, name, period] of cases) {
      log(`head office: ${label}`);
      let best = Infinity;
      let branches = 0;
      for (let i = 0; i < 2; i++) {
        t = performance.now();
        const report = (await runHeadOfficeReport(db, name, period, now)) as { branches: unknown[] };
        best = Math.min(best, performance.now() - t);
        branches = report.branches.length;
      }
      rows.push({ benchmark: `head office ${label} + ${branches}-branch comparison`, measured: best, unit: 'ms', goal: { max: 1000 }, baseline, ratio: best / baseline.value });
    }
    // The push path: 500 transaction upserts as a push writes them, against the same batch without the version index (in a rolled-back transaction).
    const batch = (suffix: string) =>
      sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'transactions', 'push-${suffix}-' || i, jsonb_build_object('customer_id', 'c' || (i * 1999 % ${customers} + 1), 'branch_id', 'branch-1', 'occurred_at', '2026-11-21T03:00:00.000Z', 'kind', 'sale', 'amount', 100000, 'cost', 70000, 'voided_at', NULL),
          '{}', (SELECT seq FROM sync_counter) + i, 'h', 'c' || (i * 1999 % ${customers} + 1), 'branch-1' FROM generate_series(1, 500) i
        ON CONFLICT (table_name, row_id) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version`);
    // Both inside a transaction that is rolled back, so neither pays a commit and the data stays as it was.
    const timedBatch = async (dropIndex: boolean) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        await db
          .transaction(async (tx) => {
            if (dropIndex) await tx.execute(sql.raw('DROP INDEX sync_objects_transactions_version_idx'));
            t = performance.now();
            await tx.execute(batch(`${Date.now()}-${i}`));
            best = Math.min(best, performance.now() - t);
            tx.rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Error && /rollback/i.test(e.message))) throw e;
          });
      }
      return best;
    };
    const without = await timedBatch(true);
    const withIndex = await timedBatch(false);
    // Then three real pushes, for the refresh that follows them.
    for (let i = 0; i < 3; i++) {
      await db.execute(batch(`kept-${Date.now()}-${i}`));
      await db.execute(sql.raw('UPDATE sync_counter SET seq = seq + 500 WHERE id = 1'));
    }
    rows.push({ benchmark: 'head office: push of 500 transactions (report rollups off the push path)', measured: withIndex, unit: 'ms', baseline: { name: 'same without the version index', value: without }, ratio: withIndex / without });
    t = performance.now();
    const after = await refreshReports(db);
    rows.push({ benchmark: `  head office: refresh after those pushes (${after.changed} transactions)`, measured: performance.now() - t, unit: 'ms', note: 'paid by the next report, not by the push' });
  } finally {
    await database.close();
  }
  return rows;
}
