import { Command } from 'commander';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/headoffice/db/open.js';
import { listConsoleConflicts } from '../../src/headoffice/console/conflicts.js';
import { listConsoleDuplicates } from '../../src/headoffice/console/duplicates.js';
import { consoleOverview } from '../../src/headoffice/console/overview.js';
import { syncHealth } from '../../src/headoffice/sync/health.js';
import { log, renderTable, type Row } from './stats.js';

/**
 * The head-office console's reads at scale, on the local PostgreSQL 15:
 * `npx tsx tests/bench/headoffice-console.ts [--branches 300] [--per-branch 1000]`.
 * A fresh database (dropped at the end) holds N branches with one node each,
 * M customers per branch in sync_objects, their scope and feed rows (half not
 * yet pulled), 2,000 conflicts (500 open) and 1,000 duplicate pairs (500 open),
 * made in SQL, then VACUUM ANALYZE as autovacuum would leave it. Each read runs
 * 7 times; the median is reported. Baseline in the same run: the per-branch
 * form of the open-conflict count that syncHealth used before (a scan of each
 * branch's whole scope). Goal: the overview under 1 s, so a 15 s refresh of
 * hundreds of branches costs the database little.
 */
const program = new Command('headoffice-console')
  .option('--branches <n>', 'branches', (v) => Number(v), 300)
  .option('--per-branch <n>', 'customers per branch', (v) => Number(v), 1000)
  .parse();
const { branches: BRANCHES, perBranch: PER } = program.opts<{ branches: number; perBranch: number }>();

const ADMIN = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `simpul_bench_console_${process.pid}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function median(fn: () => Promise<unknown>, runs = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

await admin(`CREATE DATABASE ${NAME}`);
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const database = await openDatabase({ databaseUrl: url.toString() });
const rows: Row[] = [];
try {
  const db = database.db;
  const customers = BRANCHES * PER;
  log(`console: ${BRANCHES} branches x ${PER.toLocaleString('en-US')} customers`);
  const started = performance.now();
  await db.execute(sql`INSERT INTO branches (id, code, name, time_zone, status, created_at, last_seen_at)
    SELECT 'b' || i, 'B' || lpad(i::text, 5, '0'), 'Cabang ' || i, 'WIB', 'active', now(), now() FROM generate_series(1, ${BRANCHES}) i`);
  await db.execute(sql`INSERT INTO branch_credentials (id, branch_id, secret_hash, created_at) SELECT 'c' || i, 'b' || i, md5(i::text), now() FROM generate_series(1, ${BRANCHES}) i`);
  await db.execute(sql`INSERT INTO sync_nodes (node_id, branch_id, last_seq, schema_version, pending, clock_skew_ms, last_pull_cursor, last_seen_at, last_push_at, last_pull_at)
    SELECT 'node' || i, 'b' || i, 0, 4, i % 7, (i % 11) * 1000, ${customers / 2}, now(), now(), now() - make_interval(hours => i % 50) FROM generate_series(1, ${BRANCHES}) i`);
  await db.execute(sql`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
    SELECT 'customers', 'cu' || i, jsonb_build_object('full_name', 'Pelanggan ' || i, 'customer_number', 'B' || (i % ${BRANCHES} + 1) || '-' || i,
      'home_branch_id', 'b' || (i % ${BRANCHES} + 1), 'birth_date', '1990-01-01'), '{}'::jsonb, i, '000000000000-0000-node1', 'cu' || i, 'b' || (i % ${BRANCHES} + 1)
    FROM generate_series(1, ${customers}) i`);
  await db.execute(sql`INSERT INTO sync_customer_scope (customer_id, branch_id, reason, since) SELECT 'cu' || i, 'b' || (i % ${BRANCHES} + 1), 'home', now() FROM generate_series(1, ${customers}) i`);
  await db.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq) SELECT 'b' || (i % ${BRANCHES} + 1), 'customers', 'cu' || i, i FROM generate_series(1, ${customers}) i`);
  await db.execute(sql`INSERT INTO sync_conflicts (id, table_name, row_id, field, customer_id, winner_value, winner_hlc, loser_value, loser_hlc, detected_seq, detected_at, status)
    SELECT 'k' || i, 'customers', 'cu' || (1 + i * 37 % ${customers}), 'nickname', 'cu' || (1 + i * 37 % ${customers}), '"A"', '00000000abcd-0000-node' || (i % ${BRANCHES} + 1),
      '"B"', '00000000abce-0000-node' || ((i + 1) % ${BRANCHES} + 1), i, now(), CASE WHEN i % 4 = 0 THEN 'open' ELSE 'kept' END FROM generate_series(1, 2000) i`);
  await db.execute(sql`INSERT INTO duplicate_candidates (id, customer_a, customer_b, reasons, score, status, detected_at)
    SELECT 'd' || i, 'cu' || (1 + i * 2 % ${customers}), 'cu' || (2 + i * 2 % ${customers}), '["phone"]', 40, CASE WHEN i % 2 = 0 THEN 'open' ELSE 'dismissed' END, now()
    FROM generate_series(1, 1000) i`);
  await db.execute(sql.raw('VACUUM ANALYZE'));
  log(`console: loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const perBranchConflicts = await median(() =>
    db.execute(sql`SELECT b.id, (SELECT count(*) FROM sync_conflicts c WHERE c.status = 'open'
      AND c.customer_id IN (SELECT customer_id FROM sync_customer_scope s WHERE s.branch_id = b.id)) FROM branches b`),
  );
  const baseline = { name: 'per-branch open-conflict count (before)', value: perBranchConflicts };
  const health = await median(() => syncHealth(db, new Date()));
  const overview = await median(() => consoleOverview(db, new Date()));
  const note = `${BRANCHES} branches, ${customers.toLocaleString('en-US')} customers`;
  rows.push({ benchmark: 'syncHealth (every branch, set-based)', measured: health, unit: 'ms', baseline, ratio: health / perBranchConflicts, note });
  rows.push({ benchmark: 'GET /admin/console/overview (service)', measured: overview, unit: 'ms', goal: { max: 1000 }, baseline, ratio: overview / perBranchConflicts, note });
  rows.push({ benchmark: 'conflicts, 500 open with names and branches', measured: await median(() => listConsoleConflicts(db, 'open')), unit: 'ms', goal: { max: 500 } });
  rows.push({ benchmark: 'duplicates, 500 open pairs with contacts', measured: await median(() => listConsoleDuplicates(db, 'open')), unit: 'ms', goal: { max: 500 } });
} finally {
  await database.close();
  await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
}
console.log(renderTable(rows));
