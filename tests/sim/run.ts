/**
 * The long simulation run: `npm run sim -- --runs 2000 [--seed S] [--branches 5] [--steps 30] [--faults 1]`.
 *
 * Each run is a fresh world (PostgreSQL database, two head-office processes,
 * N branch processes) with its own fault schedule; its seed is printed and
 * `--seed S --runs 1` (or SIM_SEED=S) replays it. Prints a summary table and
 * exits non-zero if any run broke an invariant.
 *
 *   --runs N        number of runs (default 20)
 *   --seed S        seed of the first run; later runs use S+1, S+2, ... (default: random)
 *   --branches N    branches per run, at least 5 (default 5)
 *   --steps N       workload steps per run (default 30)
 *   --faults X      fault intensity, 0 = none, 1 = default mix (default 1)
 *   --epochs N      fault schedules per world, each ending in quiescence and the checks (default 1)
 *   --stop          stop at the first failing run
 *   --verbose       print every run's transcript
 */
import { randomSeed } from './prng.js';
import { runSimulation, type RunResult } from './simulation.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? 'true' : v;
}

const runs = Number(arg('runs') ?? 20);
const firstSeed = arg('seed') !== undefined ? Number(arg('seed')) >>> 0 : process.env.SIM_SEED ? Number(process.env.SIM_SEED) >>> 0 : randomSeed();
const branches = Math.max(5, Number(arg('branches') ?? 5));
const steps = Number(arg('steps') ?? 30);
const faults = Number(arg('faults') ?? 1);
const epochs = Math.max(1, Number(arg('epochs') ?? 1));
const stopAtFirst = arg('stop') !== undefined;
const verbose = arg('verbose') !== undefined;

// A stray rejection in the harness must not kill the runner mid-run (its world would not be cleaned up).
process.on('unhandledRejection', (error) => console.error(`harness: unhandled rejection: ${(error as Error)?.stack ?? error}`));

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.log('\ninterrupted: finishing the current run (Ctrl-C again to abandon it)');
});

const results: RunResult[] = [];
const started = Date.now();
console.log(`simulation: ${runs} run(s) from seed ${firstSeed}, ${branches} branches, ${epochs} schedule(s) of ${steps} steps per run, faults x${faults}`);
for (let i = 0; i < runs && !interrupted; i++) {
  const seed = (firstSeed + i) >>> 0;
  const r = await runSimulation({ seed, branches, steps, faults, epochs, timeoutMs: 120_000 + epochs * steps * 3_000, log: verbose ? (l) => console.log(l) : undefined });
  results.push(r);
  const s = r.stats;
  console.log(
    `${String(i + 1).padStart(5)}  seed ${String(seed).padEnd(10)} ${r.ok ? 'ok  ' : 'FAIL'} ${(r.ms / 1000).toFixed(1).padStart(5)} s` +
      `  ops ${sum(s, 'op:')}  syncs ${s['sync:ok'] ?? 0}/${(s['sync:ok'] ?? 0) + (s['sync:failed'] ?? 0)}` +
      `  kills b${s['kills:branch'] ?? 0}/ho${s['kills:head-office'] ?? 0}  dup ${s.duplicate ?? 0}  drop ${(s['drop-request'] ?? 0) + (s['drop-response'] ?? 0)}` +
      `  conflicts ${s['ho:conflicts'] ?? 0}`,
  );
  if (!r.ok) {
    for (const v of r.violations) console.log(`         ${v}`);
    console.log(`         replay: npm run sim -- --seed ${seed} --runs 1 --branches ${branches} --steps ${steps} --faults ${faults} --epochs ${epochs} --verbose`);
    if (!verbose) console.log(r.transcript.slice(-40).map((l) => `         | ${l}`).join('\n'));
    if (stopAtFirst) break;
  }
}

const failed = results.filter((r) => !r.ok);
const total = (k: string) => results.reduce((s, r) => s + (r.stats[k] ?? 0), 0);
const totalPrefix = (p: string) => results.reduce((s, r) => s + sum(r.stats, p), 0);
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
console.log('\nsummary');
const rows: [string, string | number][] = [
  ['runs (worlds)', results.length],
  ['fault schedules checked', total('schedules')],
  ['passed', results.length - failed.length],
  ['failed', failed.length],
  ['seeds', results.length ? `${results[0].seed} .. ${results[results.length - 1].seed}` : '-'],
  ['wall time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
  ['run time p50 / max', ms.length ? `${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(1)} s / ${(ms[ms.length - 1] / 1000).toFixed(1)} s` : '-'],
  ['operations', totalPrefix('op:')],
  ['syncs ok / failed', `${total('sync:ok')} / ${total('sync:failed')}`],
  ['changes pushed / rows pulled', `${total('pushed')} / ${total('pulled')}`],
  ['branch kills', total('kills:branch')],
  ['head-office kills', total('kills:head-office')],
  ['kills by point', ['branch-mid-request', 'branch-before-ack', 'branch-after-response', 'ho-mid-request', 'ho-before-ack'].map((k) => `${k} ${total(`kill:${k}`)}`).join(', ')],
  ['requests dropped / answers dropped', `${total('drop-request')} / ${total('drop-response')}`],
  ['duplicated / delayed / stale replays', `${total('duplicate')} / ${total('delay')} / ${total('stale-replay')}`],
  ['offline periods / refused while offline', `${total('offline-periods')} / ${total('offline-refused')}`],
  ['clock jumps', total('clock-jumps')],
  ['conflicts logged', total('ho:conflicts')],
  ['fields edited by one / several branches', `${total('fields:single-editor')} / ${total('fields:concurrent')}`],
  ['losing values logged only as an earlier winner', total('fields:lost-logged-only-as-winner')],
  ['transactions committed', total('committed:transactions')],
  ['outcomes settled after a kill', totalPrefix('settled:')],
];
for (const [k, v] of rows) console.log(`  ${k.padEnd(42)} ${v}`);
if (failed.length > 0) {
  console.log(`\nfailing seeds: ${failed.map((r) => r.seed).join(' ')}`);
  const kinds = new Map<string, number>();
  for (const r of failed) for (const v of r.violations) kinds.set(v.replace(/\].*/, ']'), (kinds.get(v.replace(/\].*/, ']')) ?? 0) + 1);
  for (const [k, n] of kinds) console.log(`  ${k} ${n}`);
}
process.exit(failed.length > 0 || results.length === 0 ? 1 : 0);

function sum(stats: Record<string, number>, prefix: string): number {
  return Object.entries(stats).reduce((s, [k, v]) => (k.startsWith(prefix) ? s + v : s), 0);
}
