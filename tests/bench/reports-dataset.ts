import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import { ensureDemoBranch, GENERATOR_VERSION, seedDemo } from '../../src/branch/demo/index.js';

/**
 * The reports benchmark's branch database: N demo customers and M
 * transactions written through the service layer (seedDemo), cached under
 * .cache/bench-reports/. Unlike tests/bench/dataset.ts the key holds only
 * the sizes and seed: schema changes arrive as migrations applied on open,
 * as they would on a real branch (which also measures that the report
 * migrations' backfill copes with a full branch), and a newer demo
 * generator does not force a 22-minute rebuild (--rebuild does; the
 * generator version that built it is printed).
 */

export const REPORTS_SEED = 20261122;
/** Fixed, so a cached database and a fresh one hold the same purchases. */
export const REPORTS_NOW = '2026-11-22T03:00:00Z';

export interface ReportsDataset {
  dataDir: string;
  customers: number;
  transactions: number;
  buildSeconds: number | null;
  generatorVersion: number;
}

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

export function reportsDataset(customers: number, transactions: number, rebuild = false): ReportsDataset {
  const key = `${customers}-t${transactions}-s${REPORTS_SEED}`;
  const dataDir = resolve('.cache', 'bench-reports', key);
  const marker = join(dataDir, 'bench-dataset.json');
  if (!rebuild && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { customers: number; transactions: number; generatorVersion?: number };
    return { dataDir, customers: saved.customers, transactions: saved.transactions, buildSeconds: null, generatorVersion: saved.generatorVersion ?? 2 };
  }
  const partial = `${dataDir}.partial`;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`building ${customers.toLocaleString('en-US')} customers, ${transactions.toLocaleString('en-US')} transactions -> ${dataDir}`);
  const core = openBranchCore({ dataDir: partial, checkOutput: false });
  // A throwaway file: skipping fsync only shortens the build.
  core.services.db.sqlite.pragma('synchronous = OFF');
  ensureDemoBranch(core);
  // As an initial load does (withReportRollups): the per-month report tails are
  // paused while millions of transactions are written and built once from
  // their view at the end, instead of an upkeep per row (1.85x the insert).
  core.services.db.sqlite.exec('INSERT OR IGNORE INTO report_tails_paused VALUES (1)');
  let last = 0;
  const result = seedDemo(core, {
    customers,
    transactions,
    seed: REPORTS_SEED,
    now: REPORTS_NOW,
    batchSize: 2000,
    onProgress: (p) => {
      if (p.elapsedMs - last < 10_000) return;
      last = p.elapsedMs;
      log(`  ${p.customers.toLocaleString('en-US')} customers, ${p.transactions.toLocaleString('en-US')} transactions, ${(p.elapsedMs / 1000).toFixed(0)} s`);
    },
  });
  const tails = Date.now();
  core.services.db.sqlite.exec(
    'DELETE FROM report_customer_tails; INSERT INTO report_customer_tails SELECT * FROM report_customer_tails_source; DELETE FROM report_tails_paused',
  );
  log(`report tails built in ${((Date.now() - tails) / 1000).toFixed(0)} s`);
  core.services.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  writeFileSync(join(partial, 'bench-dataset.json'), JSON.stringify({ ...result, seed: REPORTS_SEED, now: REPORTS_NOW, generatorVersion: GENERATOR_VERSION }, null, 2));
  renameSync(partial, dataDir);
  log(`built in ${(result.elapsedMs / 1000).toFixed(0)} s`);
  return { dataDir, customers: result.customers, transactions: result.transactions, buildSeconds: result.elapsedMs / 1000, generatorVersion: GENERATOR_VERSION };
}

// `npx tsx tests/bench/reports-dataset.ts 1000000 5000000` builds it ahead of a benchmark run.
if (process.argv[1] && resolve(process.argv[1]) === resolve('tests/bench/reports-dataset.ts')) {
  const [c = '1000000', t = '5000000'] = process.argv.slice(2);
  const d = reportsDataset(Number(c), Number(t));
  process.stdout.write(`${JSON.stringify(d)}\n`);
}
