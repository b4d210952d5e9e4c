/**
 * Where an initial sync's time goes: N customers at the head office (its own
 * process, PostgreSQL), pulled into `--runs` fresh empty installations one
 * after the other; per run the wall time, the CPU time of the branch process
 * and of the head-office process, and PostgreSQL's CPU time (its backends'
 * utime+stime from /proc). `npx tsx tests/bench/initial-profile.ts [--rows 100000] [--runs 2]`
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { enrolledBranch } from '../support/sync.js';
import { loadInitialRows, startHeadOfficeProcess } from './sync.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const rows = arg('rows', 100_000);
const runs = arg('runs', 2);

/**
 * PostgreSQL's CPU time for the head office's backends: their utime+stime
 * from /proc, sampled every 200 ms while a run goes (the pool closes idle
 * connections, so a backend's last sample is what it spent).
 */
function watchBackends(): { stop(): Promise<number> } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async () => {
    const { rows: pids } = (await ho.database.db.execute(
      sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )) as unknown as { rows: { pid: number }[] };
    for (const { pid } of pids) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        const ms = (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
        if (!first.has(pid)) first.set(pid, ms);
        last.set(pid, ms);
      } catch {
        /* gone */
      }
    }
  };
  const started = sample();
  const timer = setInterval(() => void sample(), 200);
  return {
    async stop() {
      clearInterval(timer);
      await started;
      await sample();
      let total = 0;
      for (const [pid, ms] of last) total += ms - first.get(pid)!;
      return total;
    },
  };
}

const ho = await startHeadOfficeProcess();
try {
  await loadInitialRows(ho, rows);
  for (let r = 0; r < runs; r++) {
    const fresh = await enrolledBranch(ho, 'BENC1');
    try {
      const ho0 = await ho.cpu();
      const pg0 = watchBackends();
      const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      // Phases seen from the progress events: pages received and staged, then the load (copy, indexes, search).
      const at = (): { wall: number; cpu: number } => {
        const u = process.cpuUsage();
        return { wall: performance.now(), cpu: (u.user + u.system) / 1000 };
      };
      const start = at();
      let pulled = start;
      let loaded: { wall: number; cpu: number } | undefined;
      const report = await fresh.core.services.sync.syncNow((p) => {
        if (p.phase === 'pull' && p.pulled === rows) pulled = at();
        if (p.phase === 'conflicts') loaded = at();
      });
      const end = at();
      const pg = await pg0.stop();
      const ho1 = await ho.cpu();
      const hoCpu = (ho1.cpu.user - ho0.cpu.user + ho1.cpu.system - ho0.cpu.system) / 1000;
      const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
      const l = loaded ?? end;
      console.log(
        `run ${r + 1}: ${report.pulled.toLocaleString('en-US')} rows in ${ms(end.wall - start.wall)} (${Math.round(report.pulled / ((end.wall - start.wall) / 1000)).toLocaleString('en-US')} rows/s), load average ${load0}`,
      );
      console.log(`  pages received and staged: wall ${ms(pulled.wall - start.wall)}, branch CPU ${ms(pulled.cpu - start.cpu)}`);
      console.log(`  load into the live tables: wall ${ms(l.wall - pulled.wall)}, branch CPU ${ms(l.cpu - pulled.cpu)}`);
      console.log(`  CPU: branch ${ms(end.cpu - start.cpu)}, head office ${ms(hoCpu)}, PostgreSQL backends ${ms(pg)}`);
      if (fresh.core.services.customers.count() !== rows) throw new Error('not all rows arrived');
    } finally {
      fresh.close();
    }
  }
} finally {
  await ho.close();
}
