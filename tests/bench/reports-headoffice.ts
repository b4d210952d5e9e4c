import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/headoffice/db/open.js';
import { headOfficeRfm } from '../../src/headoffice/reports/rfm.js';
import { log, type Row } from './stats.js';

/**
 * The head office's consolidated RFM on the local PostgreSQL 15 over ten
 * branches' synced data: 1,000,000 customers and 5,000,000 transactions as
 * rows of sync_objects (the shape a push writes), generated in SQL once into
 * the database simpul_bench_reports. Bulk loading bypasses the facts trigger
 * and runs the migration's backfill statement instead; the trigger's cost is
 * measured on a push-sized batch against the same batch without it.
 */
const ADMIN = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'simpul_bench_reports';

export async function headOfficeBenchmark(customers = 1_000_000, transactions = 5_000_000): Promise<Row[]> {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
  const url = new URL(ADMIN);
  url.pathname = `/${NAME}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  const rows: Row[] = [];
  try {
    const db = database.db;
    const count = async (q: string) => Number(((await db.execute(sql.raw(q))) as unknown as { rows: { n: string }[] }).rows[0].n);
    if ((await count("SELECT count(*) AS n FROM sync_objects WHERE table_name = 'transactions'")) < transactions) {
      log(`head office: generating ${customers.toLocaleString('en-US')} customers, ${transactions.toLocaleString('en-US')} transactions over 10 branches`);
      const started = performance.now();
      await db.execute(sql.raw(`TRUNCATE sync_objects, report_customer_facts, branches CASCADE`));
      await db.execute(sql.raw(`INSERT INTO branches (id, code, name, status, time_zone, created_at)
        SELECT 'branch-' || b, 'CB' || lpad(b::text, 2, '0'), 'Cabang ' || b, 'active', 'WIB', now() FROM generate_series(1, 10) b`));
      await db.execute(sql.raw(`SELECT setseed(0.42)`));
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'customers', 'c' || c, jsonb_build_object('full_name', 'Pelanggan ' || c, 'home_branch_id', 'branch-' || (1 + c % 10), 'deleted', 0, 'archived_at', NULL),
          '{}', c, 'h', 'c' || c, 'branch-' || (1 + c % 10) FROM generate_series(1, ${customers}) c`));
      await db.execute(sql.raw(`ALTER TABLE sync_objects DISABLE TRIGGER report_on_transaction`));
      // Skewed buying: a few customers buy often (power of a uniform draw), most rarely.
      await db.execute(sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'transactions', 't' || t, jsonb_build_object('customer_id', 'c' || c, 'branch_id', b, 'occurred_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'kind', CASE WHEN random() < 0.015 THEN 'refund' ELSE 'sale' END, 'amount', amount, 'cost', (amount * 0.7)::bigint, 'discount', 0, 'item_count', 1, 'voided_at', NULL),
          '{}', t, 'h', 'c' || c, b
        FROM (SELECT t, c, CASE WHEN random() < 0.9 THEN 'branch-' || (1 + c % 10) ELSE 'branch-' || (1 + (random() * 9)::int) END AS b,
                timestamptz '2026-11-22 03:00:00+00' - random() * interval '1095 days' AS at, (50000 + 1000 * floor(exp(random() * 6)))::bigint AS amount
              FROM (SELECT t, 1 + floor(${customers} * power(random(), 1.6))::int AS c FROM generate_series(1, ${transactions}) t) x) y`));
      await db.execute(sql.raw(`ALTER TABLE sync_objects ENABLE TRIGGER report_on_transaction`));
      log('head office: backfilling report facts');
      await db.execute(sql.raw(`INSERT INTO report_customer_facts (customer_id, branch_id, first_sale_at, last_sale_at, sales, sale_days, sales_amount, sales_cost, refunds, refund_amount, refund_cost)
        SELECT t.customer_id, t.data->>'branch_id', min(t.data->>'occurred_at') FILTER (WHERE t.data->>'kind' = 'sale'), max(t.data->>'occurred_at') FILTER (WHERE t.data->>'kind' = 'sale'),
          count(*) FILTER (WHERE t.data->>'kind' = 'sale'), count(DISTINCT left(t.data->>'occurred_at', 10)) FILTER (WHERE t.data->>'kind' = 'sale'),
          coalesce(sum((t.data->>'amount')::bigint) FILTER (WHERE t.data->>'kind' = 'sale'), 0), coalesce(sum((t.data->>'cost')::bigint) FILTER (WHERE t.data->>'kind' = 'sale'), 0),
          count(*) FILTER (WHERE t.data->>'kind' = 'refund'), coalesce(sum((t.data->>'amount')::bigint) FILTER (WHERE t.data->>'kind' = 'refund'), 0),
          coalesce(sum((t.data->>'cost')::bigint) FILTER (WHERE t.data->>'kind' = 'refund'), 0)
        FROM sync_objects t WHERE t.table_name = 'transactions' AND t.data->>'voided_at' IS NULL GROUP BY t.customer_id, t.data->>'branch_id'`));
      await db.execute(sql.raw('ANALYZE'));
      rows.push({ benchmark: '  head office: build (SQL) and backfill', measured: (performance.now() - started) / 1000, unit: 's' });
    }
    const now = new Date('2026-11-22T03:00:00Z');
    log('head office: raw GROUP BY baseline');
    let t = performance.now();
    await db.execute(sql.raw(`SELECT count(*) FROM (SELECT customer_id, max(data->>'occurred_at'), sum((data->>'amount')::bigint) FROM sync_objects WHERE table_name = 'transactions' GROUP BY customer_id) x`));
    const baseline = { name: 'raw GROUP BY over the synced JSON', value: performance.now() - t };
    let best = Infinity;
    let branches = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const report = await headOfficeRfm(db, now);
      best = Math.min(best, performance.now() - t);
      branches = report.branches.length;
    }
    rows.push({ benchmark: `head office RFM + ${branches}-branch comparison (PostgreSQL)`, measured: best, unit: 'ms', goal: { max: 1000 }, baseline, ratio: best / baseline.value });
    // The trigger's price on a push: 500 transaction upserts with it, against the same without it.
    const batch = (suffix: string) =>
      sql.raw(`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
        SELECT 'transactions', 'push-${suffix}-' || i, jsonb_build_object('customer_id', 'c' || (i * 1999 % ${customers} + 1), 'branch_id', 'branch-1', 'occurred_at', '2026-11-21T03:00:00.000Z', 'kind', 'sale', 'amount', 100000, 'cost', 70000, 'voided_at', NULL),
          '{}', 0, 'h', 'c' || (i * 1999 % ${customers} + 1), 'branch-1' FROM generate_series(1, 500) i
        ON CONFLICT (table_name, row_id) DO UPDATE SET data = EXCLUDED.data`);
    t = performance.now();
    await db.execute(batch(String(Date.now())));
    const withTrigger = performance.now() - t;
    await db.execute(sql.raw(`ALTER TABLE sync_objects DISABLE TRIGGER report_on_transaction`));
    t = performance.now();
    await db.execute(batch(`${Date.now()}-raw`));
    const without = performance.now() - t;
    await db.execute(sql.raw(`ALTER TABLE sync_objects ENABLE TRIGGER report_on_transaction`));
    rows.push({ benchmark: 'head office: push of 500 transactions with report facts', measured: withTrigger, unit: 'ms', baseline: { name: 'same without the trigger', value: without }, ratio: withTrigger / without });
  } finally {
    await database.close();
  }
  return rows;
}
