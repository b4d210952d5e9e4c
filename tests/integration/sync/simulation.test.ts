import { describe, expect, it } from 'vitest';
import { randomSeed } from '../../sim/prng.js';
import { runSimulation } from '../../sim/simulation.js';

/**
 * The short run of the fault-injection simulation (tests/sim): five branches
 * against two head-office processes on one fresh PostgreSQL database, through
 * the fault proxy, then the six sync invariants after quiescence. One fixed
 * seed and one new seed per run; `SIM_SEED=<seed>` replays a seed instead.
 * The long run is `npm run sim -- --runs 2000`.
 */

const replay = process.env.SIM_SEED ? [Number(process.env.SIM_SEED) >>> 0] : null;
const seeds = replay ?? [20261122, randomSeed()];

describe('sync simulation with injected faults (short run)', () => {
  for (const seed of seeds) {
    it(`seed ${seed}: every invariant holds after quiescence`, async () => {
      const result = await runSimulation({ seed, branches: 5, steps: 20, timeoutMs: 110_000 });
      console.log(
        `sync simulation seed ${seed}: ${result.ok ? 'ok' : 'FAILED'} in ${(result.ms / 1000).toFixed(1)} s; ` +
          `replay with SIM_SEED=${seed} (or npm run sim -- --seed ${seed} --runs 1 --steps 20 --verbose)`,
      );
      if (!result.ok) console.log(result.transcript.slice(-60).join('\n'));
      expect(result.violations).toEqual([]);
    }, 120_000);
  }
});
