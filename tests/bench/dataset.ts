import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import { ensureDemoBranch, GENERATOR_VERSION, seedDemo } from '../../src/branch/demo/index.js';
import { log } from './stats.js';

/**
 * The benchmark database: N demo customers written through the service
 * layer, built once and cached under .cache/bench/ (git-ignored). The cache
 * key covers GENERATOR_VERSION and the core's schema and customer code, so a
 * change to either rebuilds it instead of measuring stale data.
 */

export interface BenchDataset {
  dataDir: string;
  customers: number;
  transactions: number;
  /** Seconds the build took, when this run built it. */
  buildSeconds: number | null;
  /** Customers per second the build wrote (service layer, synchronous=OFF). */
  buildRate: number | null;
}

export const BENCH_SEED = 20261122;
/** Fixed, so a cached database and a fresh one hold the same customers. */
export const BENCH_NOW = '2026-11-22T03:00:00Z';

const ROOT = resolve(process.cwd());

function coreFingerprint(): string {
  const hash = createHash('sha1');
  for (const dir of ['drizzle/branch', 'src/branch/customers', 'src/branch/db']) {
    const full = join(ROOT, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      if (name.endsWith('.sql') || name.endsWith('.ts')) hash.update(name).update(readFileSync(join(full, name)));
    }
  }
  return hash.digest('hex').slice(0, 8);
}

export function benchDataset(customers: number, options: { transactions: number; rebuild: boolean }): BenchDataset {
  const key = `g${GENERATOR_VERSION}-${coreFingerprint()}-${customers}-t${options.transactions}`;
  const dataDir = join(ROOT, '.cache', 'bench', key);
  const marker = join(dataDir, 'bench-dataset.json');
  if (!options.rebuild && existsSync(marker)) {
    log(`reusing benchmark database ${dataDir}`);
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { customers: number; transactions: number };
    return { dataDir, customers: saved.customers, transactions: saved.transactions, buildSeconds: null, buildRate: null };
  }
  rmSync(dataDir, { recursive: true, force: true });
  const partial = `${dataDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`building benchmark database: ${customers.toLocaleString('en-US')} customers, ${options.transactions.toLocaleString('en-US')} transactions -> ${dataDir}`);

  const core = openBranchCore({ dataDir: partial, checkOutput: false });
  // A throwaway database: skipping fsync only shortens the build; nothing timed depends on it.
  core.services.db.sqlite.pragma('synchronous = OFF');
  ensureDemoBranch(core);
  let lastReport = 0;
  const result = seedDemo(core, {
    customers,
    transactions: options.transactions,
    seed: BENCH_SEED,
    now: BENCH_NOW,
    batchSize: 2000,
    onProgress: (p) => {
      if (p.elapsedMs - lastReport < 3000 && p.customers < p.totalCustomers) return;
      lastReport = p.elapsedMs;
      const rate = p.customers / (p.elapsedMs / 1000);
      const eta = (p.totalCustomers - p.customers) / rate;
      log(`  ${p.customers.toLocaleString('en-US')} / ${p.totalCustomers.toLocaleString('en-US')} customers, ` +
        `${p.transactions.toLocaleString('en-US')} transactions, ${Math.round(rate)}/s, ` +
        `${(p.elapsedMs / 1000).toFixed(0)} s, about ${eta.toFixed(0)} s left, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
    },
  });
  core.services.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  writeFileSync(join(partial, 'bench-dataset.json'), JSON.stringify({ ...result, seed: BENCH_SEED, now: BENCH_NOW, builtAt: new Date().toISOString() }, null, 2));
  renameSync(partial, dataDir);
  const seconds = result.elapsedMs / 1000;
  log(`built in ${seconds.toFixed(0)} s (${Math.round(result.customers / seconds)} customers/s)`);
  return { dataDir, customers: result.customers, transactions: result.transactions, buildSeconds: seconds, buildRate: result.customers / seconds };
}
