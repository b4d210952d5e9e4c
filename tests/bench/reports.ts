import { Command } from 'commander';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { openBranchCore, type BranchCore } from '../../src/branch/core.js';
import { reportsDataset, REPORTS_NOW } from './reports-dataset.js';
import { log, peakRssMb, renderTable, passOf, type Row } from './stats.js';
import { cdnowBenchmark } from './reports-cdnow.js';
import { browserBenchmark } from './reports-browser.js';
import { headOfficeBenchmark } from './reports-headoffice.js';

/**
 * `npx tsx tests/bench/reports.ts`: every report of the reporting window
 * over a branch of 1,000,000 customers and 5,000,000 transactions, computed
 * in SQLite through the dispatcher (as the window and the CLI call them),
 * goal under 1 s each. Baseline measured in the same run: the plain
 * per-customer GROUP BY over the transactions' covering index, i.e. what
 * any of these reports would cost without the rollups. Also: the upgrade's
 * backfill (when it runs), and the model fit on CDNOW (time and parameters).
 *
 * The dataset (tests/bench/reports-dataset.ts) is built once and cached;
 * each run works on a copy so the migrations apply as on a real branch.
 */

export interface ReportBenchOptions {
  customers?: number;
  transactions?: number;
  full?: boolean;
  quick?: boolean;
  rounds: number;
  freshCopy?: boolean;
  rebuild?: boolean;
  /** Also measure the reporting window in Chromium (click to drawn, frame gaps). */
  browser?: boolean;
  /** Also the head office's consolidated RFM on the local PostgreSQL (10 branches). */
  headoffice?: boolean;
  /** Only the head-office part. */
  headofficeOnly?: boolean;
}

const program = new Command('bench-reports')
  .option('--customers <n>', 'customers (default 100,000; --full: 1,000,000)', (v) => Number(v))
  .option('--transactions <n>', 'transactions (default 5 per customer)', (v) => Number(v))
  .option('--full', 'the goal size: 1,000,000 customers and 5,000,000 transactions (cached after the first build)')
  .option('--quick', 'the default: 100,000 customers and 500,000 transactions')
  .option('--rounds <n>', 'runs per report (best is kept)', (v) => Number(v), 3)
  .option('--fresh-copy', 'copy the cached database again (measures the upgrade backfill)')
  .option('--rebuild', 'build the dataset again with the current demo generator')
  .option('--browser', 'also measure the reporting window in Chromium')
  .option('--headoffice', 'also the head office on PostgreSQL at 127.0.0.1 (10 branches)')
  .option('--headoffice-only', 'only the head-office benchmark')
  .option('--json', 'print JSON instead of the table');

/** The report rows for a run; tests/bench/run.ts can call this and add the rows to its own table. */
export async function reportBenchmarks(opts: ReportBenchOptions): Promise<{ rows: Row[]; dataset: ReturnType<typeof reportsDataset> | null }> {
  const customers = opts.customers ?? (opts.full ? 1_000_000 : 100_000);
  const transactions = opts.transactions ?? 5 * customers;
  if (opts.headofficeOnly) return { rows: await headOfficeBenchmark(customers, transactions), dataset: null };

  const dataset = reportsDataset(customers, transactions, Boolean(opts.rebuild));
  const work = `${dataset.dataDir}.work`;
  const rows: Row[] = [];
  if (opts.freshCopy || opts.rebuild || !existsSync(join(work, 'simpul-branch.db')) || statSync(join(work, 'simpul-branch.db')).mtimeMs < statSync(join(dataset.dataDir, 'simpul-branch.db')).mtimeMs) {
    log('copying the dataset to a working copy');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    copyFileSync(join(dataset.dataDir, 'simpul-branch.db'), join(work, 'simpul-branch.db'));
  }
  const opened = performance.now();
  const core = openBranchCore({ dataDir: work, checkOutput: false });
  const openMs = performance.now() - opened;
  rows.push({ benchmark: '  open branch (migrations, backfill when new)', measured: openMs / 1000, unit: 's', note: 'the reports migrations backfill their rollups once, on the upgrade' });

  async function timed(fn: () => Promise<unknown>, rounds: number): Promise<number> {
    let best = Infinity;
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await fn();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  }

  async function run(core: BranchCore, opts: ReportBenchOptions, rows: Row[]) {
    const sqlite = core.services.db.sqlite;
    const actor = core.systemActor;
    const call = async (method: string, input: unknown) => {
      const result = await core.dispatch(actor, method, input);
      if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
      return result.value;
    };
    log('baseline: per-customer GROUP BY over the covering index');
    const naive = sqlite.prepare('SELECT customer_id, max(occurred_at), count(*), sum(amount) FROM transactions GROUP BY customer_id');
    const baselineMs = await timed(async () => {
      for (const _ of naive.iterate()) void _;
    }, 1);
    const baseline = { name: 'raw GROUP BY customer', value: baselineMs };

    if (!(await call('reports.prediction', {}) as { run: unknown }).run) {
      log('fitting the prediction model');
      const started = performance.now();
      const fit = (await call('reports.fitPrediction', {})) as { params: Record<string, number>; fittedOn: number; customers: number };
      rows.push({ benchmark: '  model fit (BG/NBD + Gamma-Gamma, sample)', measured: (performance.now() - started) / 1000, unit: 's', note: `fitted on ${fit.fittedOn.toLocaleString('en-US')} of ${fit.customers.toLocaleString('en-US')} buyers: ${Object.entries(fit.params).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ')}` });
    }

    const last12 = { from: '2025-11-23', to: '2026-11-22' };
    const last30 = { from: '2026-10-24', to: '2026-11-22' };
    const from2nd = { from: '2025-11-02', to: '2026-11-22' };
    const cases: [string, string, unknown][] = [
      ['RFM (all history)', 'reports.rfm', {}],
      ['top 10 and distribution', 'reports.top', {}],
      ['profitability', 'reports.profitability', {}],
      ['coverage', 'reports.coverage', {}],
      ['patterns (seasonality)', 'reports.patterns', {}],
      ['anomalies (all history)', 'reports.anomalies', { status: 'all' }],
      ['anomalies (last 30 days)', 'reports.anomalies', { period: last30, status: 'all' }],
      ['service and staff', 'reports.service', {}],
      ['prediction (52 weeks)', 'reports.prediction', {}],
      ['drill-down: champions, page 1', 'reports.customers', { filter: { segments: ['champions'] } }],
      ['drill-down: lapsed Gold+, page 1', 'reports.customers', { filter: { recency: ['over1y', 'over2y'], tiers: ['gold', 'platinum'] } }],
      ['segment by attributes: city', 'reports.customers', { filter: { cities: ['Bandung'] } }],
      ['RFM (last 12 months: period cut)', 'reports.rfm', { period: last12 }],
      ['top 10 (last 12 months)', 'reports.top', { period: last12 }],
      ['profitability (last 12 months)', 'reports.profitability', { period: last12 }],
      ['prediction (last 12 months)', 'reports.prediction', { period: last12 }],
      ['drill-down: champions, last 12 months', 'reports.customers', { period: last12, filter: { segments: ['champions'] } }],
      ['RFM (from the 2nd of a month: a 29-day part)', 'reports.rfm', { period: from2nd }],
      ['RFM (a closed quarter: Q3 2026)', 'reports.rfm', { period: { from: '2026-07-01', to: '2026-09-30' } }],
      ['RFM (a closed year: 2025)', 'reports.rfm', { period: { from: '2025-01-01', to: '2025-12-31' } }],
      ['RFM (closed, cut at both ends)', 'reports.rfm', { period: { from: '2025-03-10', to: '2026-02-14' } }],
      ['patterns (last 12 months)', 'reports.patterns', { period: last12 }],
    ];
    for (const [name, method, input] of cases) {
      log(name);
      const ms = await timed(() => call(method, input), opts.rounds);
      rows.push({ benchmark: name, measured: ms, unit: 'ms', goal: { max: 1000 }, baseline, ratio: ms / baseline.value });
    }
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      log(`export rfm ${format}`);
      const ms = await timed(() => call('reports.export', { report: 'rfm', format }), 1);
      rows.push({ benchmark: `export RFM as ${format.toUpperCase()}`, measured: ms, unit: 'ms', goal: { max: 1000 }, baseline, ratio: ms / baseline.value });
    }
    rows.push({ benchmark: '  baseline: raw GROUP BY customer over 5M', measured: baselineMs, unit: 'ms', note: 'what a report reading transactions directly pays before any bucketing' });
  }

  try {
    await run(core, opts, rows);
  } finally {
    core.close();
  }
  if (opts.browser) {
    log('browser');
    try {
      rows.push(...(await browserBenchmark(work)));
    } catch (error) {
      rows.push({ benchmark: 'window in Chromium', measured: NaN, unit: 'ms', pass: false, note: `failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  if (opts.headoffice) {
    log('head office');
    rows.push(...(await headOfficeBenchmark(customers, transactions)));
  }
  rows.push(...cdnowBenchmark());
  return { rows, dataset };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('tests/bench/reports.ts')) {
  const opts = program.parse().opts<ReportBenchOptions & { json?: boolean }>();
  const { rows, dataset } = await reportBenchmarks(opts);
  rows.push({ benchmark: '  peak RSS (benchmark process)', measured: peakRssMb(), unit: 'MB' });

  const result = {
    generatedAt: new Date().toISOString(),
    customers: dataset?.customers ?? null,
    transactions: dataset?.transactions ?? null,
    generatorVersion: dataset?.generatorVersion ?? null,
    dataNow: REPORTS_NOW,
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    rows: rows.map((r) => ({ ...r, pass: passOf(r) })),
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'reports.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(`\nSimpul report benchmarks: ${dataset ? `${dataset.customers.toLocaleString('en-US')} customers, ${dataset.transactions.toLocaleString('en-US')} transactions (demo generator ${dataset.generatorVersion})` : 'head office only'}, node ${process.version}, ${cpus().length} cores\n\n`);
    process.stdout.write(`${renderTable(rows)}\n`);
    const notes = rows.filter((r) => r.note).map((r) => `- ${r.benchmark.trim()}: ${r.note}`);
    if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
    process.stdout.write('\nResults: bench-results/reports.json\n');
  }
}
