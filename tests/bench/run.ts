import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import { GENERATOR_VERSION } from '../../src/branch/demo/index.js';
import { browserBenchmark } from './browser.js';
import { benchDataset } from './dataset.js';
import { insertBenchmark } from './insert.js';
import { listBenchmark } from './list.js';
import { searchBenchmark } from './search.js';
import { syncBenchmark } from './sync.js';
import { agendaBenchmark } from './agenda.js';
import { log, passOf, peakRssMb, renderTable, type Row } from './stats.js';

/**
 * `npm run bench`: builds (or reuses) a database of N demo customers, runs
 * the benchmarks against it and prints one table, each row against a
 * baseline measured in this same run. Results also go to
 * bench-results/latest.json. Progress goes to stderr, so --json output
 * on stdout stays parseable.
 */

const BENCHMARKS = ['search', 'list', 'insert', 'browser', 'sync', 'agenda'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const count = (value: string) => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1000) throw new InvalidArgumentError('a whole number of at least 1000');
  return n;
};

const program = new Command('bench')
  .description('Simpul performance benchmarks')
  .option('--customers <n>', 'customers in the benchmark database', count, 1_000_000)
  .option('--quick', 'a fast smoke run: 100,000 customers and fewer repetitions')
  .option('--only <name>', `run one benchmark: ${BENCHMARKS.join(', ')}`, (v: string) => {
    if (!(BENCHMARKS as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${BENCHMARKS.join(', ')}`);
    return v as BenchmarkName;
  })
  .option('--transactions <n>', 'demo transactions in the database (not needed by these benchmarks)', (v) => Number(v), 0)
  .option('--rebuild', 'rebuild the cached benchmark database')
  .option('--sync-initial <n>', 'customers of the initial sync (default: --customers)', count)
  .option('--sync-push <n>', 'changes pushed by one branch (default 100,000; 20,000 with --quick)', count)
  .option('--pouch <n>', 'documents of the PouchDB baseline (default 50,000; 10,000 with --quick)', count)
  .option('--json', 'print the results as JSON instead of the table')
  .showHelpAfterError();

program.parse();
const opts = program.opts<{
  customers: number;
  quick?: boolean;
  only?: BenchmarkName;
  transactions: number;
  rebuild?: boolean;
  json?: boolean;
  syncInitial?: number;
  syncPush?: number;
  pouch?: number;
}>();
const quick = Boolean(opts.quick);
const customers = quick && program.getOptionValueSource('customers') !== 'cli' ? 100_000 : opts.customers;
const selected = (name: BenchmarkName) => !opts.only || opts.only === name;

const started = performance.now();
// Other processes on the machine shift every number; the load says how much to trust a run.
const loadBefore = loadavg()[0];
const rows: Row[] = [];
let dataset: ReturnType<typeof benchDataset> | null = null;

if (selected('search') || selected('list') || selected('browser')) {
  dataset = benchDataset(customers, { transactions: opts.transactions, rebuild: Boolean(opts.rebuild) });
  if (dataset.buildRate !== null) {
    rows.push({ benchmark: '  dataset build (createMany, synchronous=OFF)', measured: dataset.buildRate, unit: 'rows/s', note: `${dataset.buildSeconds!.toFixed(0)} s for ${dataset.customers.toLocaleString('en-US')} customers` });
  }
}

if (dataset && (selected('search') || selected('list'))) {
  const core = openBranchCore({ dataDir: dataset.dataDir, checkOutput: false });
  try {
    if (selected('search')) {
      log('search');
      rows.push(...(await searchBenchmark(core, dataset.customers, quick)));
    }
    if (selected('list')) {
      log('list');
      rows.push(...(await listBenchmark(core, dataset.customers, quick)));
    }
  } finally {
    core.close();
  }
}

if (selected('agenda')) {
  log('agenda');
  // Its own 100,000-customer branch with purchases (REQUIREMENTS: the agenda over 100,000 customers).
  rows.push(...agendaBenchmark(quick, Boolean(opts.rebuild)));
}

if (selected('insert')) {
  log('insert');
  rows.push(...insertBenchmark(quick));
}

if (dataset && selected('browser')) {
  log('browser');
  rows.push(...(await browserBenchmark(dataset.dataDir, quick)));
}

if (selected('sync')) {
  log('sync');
  // Initial sync moves as many customers as the other benchmarks search (PostgreSQL at 127.0.0.1:5432).
  rows.push(
    ...(await syncBenchmark({
      initial: opts.syncInitial ?? customers,
      push: opts.syncPush ?? (quick ? 20_000 : 100_000),
      pouch: opts.pouch ?? (quick ? 10_000 : 50_000),
      capture: quick ? 5_000 : 20_000,
    })),
  );
}

rows.push({ benchmark: '  peak RSS (benchmark process)', measured: peakRssMb(), unit: 'MB' });

const result = {
  generatedAt: new Date().toISOString(),
  generatorVersion: GENERATOR_VERSION,
  customers: dataset?.customers ?? null,
  quick,
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadBefore, loadAfter: loadavg()[0] },
  seconds: (performance.now() - started) / 1000,
  rows: rows.map((r) => ({ ...r, pass: passOf(r) })),
};
mkdirSync('bench-results', { recursive: true });
writeFileSync(join('bench-results', 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);

if (opts.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  process.stdout.write(
    `\nSimpul benchmarks: ${result.customers?.toLocaleString('en-US') ?? '-'} customers, node ${process.version}, ${cpus().length} cores, ` +
      `${result.seconds.toFixed(0)} s, load average ${loadBefore.toFixed(1)} before / ${result.machine.loadAfter.toFixed(1)} after\n\n`,
  );
  process.stdout.write(`${renderTable(rows)}\n`);
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.benchmark.trim()}: ${r.note}`);
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
  process.stdout.write('\nResults: bench-results/latest.json\n');
}
