import type { BranchCore } from '../../src/branch/core.js';
import { percentiles, timeRounds, timeRoundsAsync, type Row } from './stats.js';

/**
 * The customer list (REQUIREMENTS X2): the first page sorted by name, as the
 * front office opens it, and a page from the middle for information.
 * Baseline: the bare index walk for the same page (seq only, no primary
 * contacts, no mapping), so the gap is what the row shape costs. The same
 * page is asked for many times; each sample is the best of 3 rounds.
 */
export async function listBenchmark(core: BranchCore, customers: number, quick: boolean): Promise<Row[]> {
  const sqlite = core.services.db.sqlite;
  const bare = sqlite
    .prepare('SELECT seq FROM customers WHERE archived_at IS NULL AND deleted = 0 ORDER BY sort_name, seq LIMIT ? OFFSET ?')
    .pluck();
  const page = (offset: number) => ({ offset, limit: 100, sort: 'name' as const, direction: 'asc' as const, includeArchived: false });

  // The very first call also counts the customers (cached afterwards): report it on its own.
  const t = performance.now();
  core.services.customers.list(page(0));
  const cold = performance.now() - t;

  const reps = quick ? 200 : 500;
  const offsets = Array.from({ length: reps }, () => 0);
  timeRounds(offsets.slice(0, 50), (o) => core.services.customers.list(page(o)), 1);
  const raw = percentiles(timeRounds(offsets, (o) => bare.all(100, o)).best);
  const svc = percentiles(timeRounds(offsets, (o) => core.services.customers.list(page(o))).best);
  const dispatched = percentiles((await timeRoundsAsync(offsets, (o) => core.dispatch(core.systemActor, 'customers.list', { offset: o, limit: 100 }))).best);

  const deepOffset = Math.floor(customers / 2);
  const deepReps = Array.from({ length: quick ? 10 : 20 }, () => deepOffset);
  const deepRaw = percentiles(timeRounds(deepReps, (o) => bare.all(100, o)).best);
  const deep = percentiles(timeRounds(deepReps, (o) => core.services.customers.list(page(o))).best);

  return [
    { benchmark: 'list first page p50 (100 rows by name)', measured: svc.p50, unit: 'ms', baseline: { name: 'bare index page p50', value: raw.p50 }, ratio: svc.p50 / raw.p50 },
    { benchmark: 'list first page p99', measured: svc.p99, unit: 'ms', goal: { max: 20 }, baseline: { name: 'bare index page p99', value: raw.p99 }, ratio: svc.p99 / raw.p99 },
    { benchmark: 'list first page p99 (dispatcher)', measured: dispatched.p99, unit: 'ms', goal: { max: 20 }, baseline: { name: 'service p99', value: svc.p99 }, ratio: dispatched.p99 / svc.p99 },
    { benchmark: '  list first call (counts customers)', measured: cold, unit: 'ms', note: 'count(*) is cached until the data changes' },
    { benchmark: `  list deep page p50 (offset ${deepOffset.toLocaleString('en-US')})`, measured: deep.p50, unit: 'ms', baseline: { name: 'bare index page p50', value: deepRaw.p50 }, ratio: deep.p50 / deepRaw.p50, note: 'OFFSET walks the index; the UI jumps by page' },
  ];
}
