import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from './prng.js';
import { CallFailed, ChildDied } from './child.js';
import { NO_FAULTS, type FaultPlan, type KillPoint } from './fault-proxy.js';
import { Ledger, TRACKED, TRACKED_COLUMNS, type TrackedColumn, type Value } from './ledger.js';
import { World } from './world.js';
import { checkInvariants, type CheckReport } from './invariants.js';

/**
 * One simulation run: branches with skewed clocks doing random work against
 * two head-office processes through the fault proxy, with offline periods and
 * processes killed at chosen points; then quiescence (no faults, sync until
 * nothing moves) and the invariant checks. Everything random comes from the
 * seed, per branch, so `SIM_SEED=<seed>` replays the same schedule.
 */

export interface SimOptions {
  seed: number;
  branches?: number;
  steps?: number;
  /** 0: no faults at all; 1: the default mix. */
  faults?: number;
  /** Fault schedules in this world, each ending in quiescence and the checks (default 1). */
  epochs?: number;
  /** Hard limit for the whole run. */
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Keep a transcript of the run for the failure message. */
  verbose?: boolean;
}

export interface RunResult {
  seed: number;
  ok: boolean;
  violations: string[];
  stats: Record<string, number>;
  ms: number;
  transcript: string[];
}

/** Clock offsets of the branches: one a day ahead, one 3 hours behind, small skews, and one on time. */
export const SKEWS_MS = [0, 86_400_000, -3 * 3_600_000, 7 * 60_000, -45_000, 1_500, -90 * 60_000];

const KILL_POINTS: KillPoint[] = ['branch-mid-request', 'branch-before-ack', 'branch-after-response', 'ho-mid-request', 'ho-before-ack'];

type OpKind = 'create' | 'update' | 'phones' | 'transactions' | 'fetch' | 'sync' | 'refetch';

export async function runSimulation(options: SimOptions): Promise<RunResult> {
  const started = Date.now();
  const seed = options.seed >>> 0;
  const branchCount = options.branches ?? 5;
  const steps = options.steps ?? 30;
  const intensity = options.faults ?? 1;
  const epochs = Math.max(1, options.epochs ?? 1);
  const transcript: string[] = [];
  const log = (line: string) => {
    const stamped = `[${((Date.now() - started) / 1000).toFixed(2)}s] ${line}`;
    transcript.push(stamped);
    if (transcript.length > 4000) transcript.shift();
    options.log?.(stamped);
  };
  const stats: Record<string, number> = {};
  const count = (k: string, n = 1) => {
    stats[k] = (stats[k] ?? 0) + n;
  };

  const root = new Rng(seed);
  const opRng = Array.from({ length: branchCount }, (_, b) => root.fork(`ops/${b}`));
  const faultRng = Array.from({ length: branchCount }, (_, b) => root.fork(`faults/${b}`));
  const stepRng = root.fork('steps');
  const ledger = new Ledger();
  let faultsOn = false;
  const offlineUntil = new Array<number>(branchCount).fill(-1);
  let step = 0;

  const planFor = (b: number, path: string, world: World): FaultPlan => {
    // A fixed number of draws per request keeps later decisions of the stream in place.
    const r = Array.from({ length: 14 }, () => faultRng[b].float());
    if (!faultsOn || intensity <= 0) return { ...NO_FAULTS, upstreamPick: r[0] };
    const p = (x: number) => x * intensity;
    const killable = path === '/sync/push' || path === '/sync/pull' || path === '/sync/fetch-customer';
    let kill: FaultPlan['kill'] = null;
    if (killable && r[1] < p(0.05)) {
      const point = KILL_POINTS[Math.floor(r[2] * KILL_POINTS.length)];
      // Never take the last head office down: the run would only wait.
      if (!point.startsWith('ho-') || world.liveHeadOffices() >= 2) kill = { point, delayMs: Math.floor(r[3] * 15) };
    }
    return {
      upstreamPick: r[0],
      kill,
      dropRequest: r[4] < p(0.04),
      dropResponse: r[5] < p(0.07),
      delayRequestMs: r[6] < p(0.25) ? Math.floor(r[7] * 60) : 0,
      delayResponseMs: r[8] < p(0.2) ? Math.floor(r[9] * 60) : 0,
      duplicate: r[10] < p(0.08) ? { delayMs: r[11] < 0.5 ? 0 : Math.floor(r[11] * 400), answerWithCopy: r[12] < 0.4, upstreamPick: r[13] } : null,
      staleReplay: r[12] < p(0.03) ? { delayMs: Math.floor(r[11] * 300), pick: r[13], upstreamPick: r[3] } : null,
    };
  };

  const world: World = new World({
    plan: (b: number, path: string): FaultPlan => planFor(b, path, world),
    offline: (b) => faultsOn && offlineUntil[b] > step,
    count,
    log,
  });

  const deadline = started + (options.timeoutMs ?? 240_000);
  const violations: string[] = [];
  let checks: CheckReport | null = null;
  try {
    log(`seed ${seed}: ${branchCount} branches, ${epochs > 1 ? `${epochs} schedules of ` : ''}${steps} steps, faults x${intensity}`);
    await withDeadline(world.start(branchCount, SKEWS_MS), deadline, 'start');
    log(`started: database ${world.dbName}, branches ${world.branches.map((s) => s.code).join(' ')}`);

    // The workload.
    const counters = new Array<number>(branchCount).fill(0);
    const unique = (b: number) => ++counters[b];

    const localCustomers = (b: number) => [...ledger.certainScope(b)];
    // The hot set slides: the most recent customers draw most edits and fetches, then cool
    // down, so each has a burst of concurrent work whose outcome nothing repairs afterwards.
    const hot = () => [...ledger.customers.values()].filter((c) => c.status === 'committed').slice(-3).map((c) => c.id);

    async function runOp(b: number, kind: OpKind): Promise<void> {
      const slot = world.branches[b];
      const proc = slot.proc!;
      const rng = opRng[b];
      count(`op:${kind}`);
      switch (kind) {
        case 'create': {
          const n = unique(b);
          const fullName = `Pelanggan ${slot.code} ${n}`;
          const phone = `0812${String((b + 1) * 1_000_000 + n).padStart(8, '0')}`;
          const nickname = rng.chance(0.5) ? `${slot.code.toLowerCase()}-nick-${n}` : null;
          const city = rng.chance(0.5) ? `Kota ${slot.code} ${n}` : null;
          const input: Record<string, unknown> = { fullName, phones: [{ number: phone }] };
          if (nickname) input.nickname = nickname;
          if (city) input.address = { city };
          const initial = { full_name: fullName, nickname, occupation: null, notes: null, city, address_line: null, province: null } as Record<TrackedColumn, Value>;
          try {
            const c = await proc.call<{ id: string; customerNumber: string }>('create', { input });
            ledger.customers.set(c.id, { id: c.id, customerNumber: c.customerNumber, home: b, phone: e164(phone), fullName, status: 'committed', initial });
          } catch (error) {
            if (error instanceof ChildDied) ledger.pendingCreates.push({ branch: b, fullName, phone: e164(phone), initial });
            else throw error;
          }
          return;
        }
        case 'update': {
          const mine = localCustomers(b);
          if (mine.length === 0) return;
          const hotMine = hot().filter((id) => mine.includes(id));
          // Most edits go to a few hot customers and two hot fields, so branches collide often.
          const customerId = hotMine.length > 0 && rng.chance(0.6) ? rng.pick(hotMine) : rng.pick(mine);
          const columns = new Set<TrackedColumn>();
          const howMany = rng.chance(0.3) ? 2 : 1;
          while (columns.size < howMany) columns.add(rng.chance(0.55) ? rng.pick(['nickname', 'notes'] as const) : rng.pick(TRACKED));
          const patch: Record<string, any> = {};
          const values = new Map<TrackedColumn, string>();
          for (const column of columns) {
            const n = unique(b);
            const value = column === 'full_name' ? `Nama ${slot.code} ${n}` : `${slot.code.toLowerCase()}-${column}-${n}`;
            values.set(column, value);
            const path = TRACKED_COLUMNS[column];
            if (path.length === 1) patch[path[0]] = value;
            else patch[path[0]] = { ...(patch[path[0]] ?? {}), [path[1]]: value };
          }
          const order = ledger.nextOrder();
          const edits = [...values].map(([column, value]) => ({ order, branch: b, customerId, column, value, before: undefined as Value | undefined, status: 'unknown' as const }));
          ledger.edits.push(...edits);
          try {
            const { before } = await proc.call<{ before: Record<string, Value> }>('update', { id: customerId, patch, columns: [...columns], order });
            for (const e of edits) Object.assign(e, { before: before[e.column], status: 'committed' });
          } catch (error) {
            if (!(error instanceof ChildDied)) {
              for (const e of edits) Object.assign(e, { status: 'not-committed' });
              if (!(error instanceof CallFailed)) throw error;
              count(`op-failed:${error.code}`);
            }
          }
          return;
        }
        case 'phones': {
          const mine = localCustomers(b);
          if (mine.length === 0) return;
          const customerId = rng.pick(mine);
          const n = unique(b);
          const phone = `0813${String((b + 1) * 1_000_000 + n).padStart(8, '0')}`;
          try {
            await proc.call('update', { id: customerId, patch: { phones: [{ number: phone, whatsapp: rng.chance(0.5) }] }, columns: ['id'] });
          } catch (error) {
            if (error instanceof CallFailed) count(`op-failed:${error.code}`);
            else if (!(error instanceof ChildDied)) throw error;
          }
          return;
        }
        case 'transactions': {
          const mine = localCustomers(b);
          if (mine.length === 0) return;
          const customerId = rng.pick(mine);
          const amounts = Array.from({ length: rng.int(1, 3) }, () => (b + 1) * 100_000_000 + unique(b) * 100);
          const entries = amounts.map((amount) => ({ amount, branch: b, customerId, id: null as string | null, status: 'unknown' as 'unknown' | 'committed' | 'not-committed' }));
          ledger.transactions.push(...entries);
          try {
            const rows = await proc.call<{ id: string; amount: number }[]>('addTx', { customerId, amounts, occurredAt: new Date().toISOString() });
            const byAmount = new Map(rows.map((r) => [r.amount, r.id]));
            for (const e of entries) Object.assign(e, { id: byAmount.get(e.amount) ?? null, status: 'committed' });
          } catch (error) {
            if (!(error instanceof ChildDied)) {
              for (const e of entries) e.status = 'not-committed';
              if (!(error instanceof CallFailed)) throw error;
              count(`op-failed:${error.code}`);
            }
          }
          return;
        }
        case 'fetch':
        case 'refetch': {
          const have = ledger.possibleScope(b);
          const candidates = [...ledger.customers.values()].filter((c) => c.status === 'committed' && (kind === 'refetch' ? have.has(c.id) : !have.has(c.id)));
          if (candidates.length === 0) return;
          const hotOnes = candidates.filter((c) => hot().includes(c.id));
          const c = hotOnes.length > 0 && rng.chance(0.7) ? rng.pick(hotOnes) : rng.pick(candidates);
          const key = rng.pick([c.id, c.customerNumber, c.phone]);
          const entry = { branch: b, customerId: c.id, status: 'unknown' as 'unknown' | 'committed' | 'not-committed' };
          if (kind === 'fetch') ledger.fetches.push(entry);
          try {
            const ids = await proc.call<string[]>('fetch', { key });
            entry.status = ids.includes(c.id) ? 'committed' : 'unknown';
            if (!ids.includes(c.id)) count('fetch:other-customer');
            log(`${slot.code} ${kind} ${c.customerNumber} by ${key === c.id ? 'id' : key === c.phone ? 'phone' : 'number'}: ${ids.includes(c.id) ? 'ok' : `got ${ids.join(',')}`}`);
          } catch (error) {
            // Even NOT_FOUND is not final: a duplicate of the request the proxy delivers later may
            // find the customer (pushed meanwhile) and join the scope. The entry stays "unknown".
            if (error instanceof CallFailed) count(`fetch-failed:${error.code}`);
            else if (!(error instanceof ChildDied)) throw error;
            log(`${slot.code} ${kind} ${c.customerNumber}: ${(error as Error).message.split('\n')[0]}`);
          }
          return;
        }
        case 'sync': {
          try {
            const r = await proc.call<{ pushed: number; pulled: number; conflicts: number }>('sync', undefined, 60_000);
            count('sync:ok');
            count('pushed', r.pushed);
            count('pulled', r.pulled);
          } catch (error) {
            if (error instanceof CallFailed) count('sync:failed');
            else if (!(error instanceof ChildDied)) throw error;
          }
          return;
        }
      }
    }

    // A dead branch starts again in the background and sits out until it is back.
    const restarting = new Map<number, Promise<void>>();
    const revive = (b: number) => {
      if (restarting.has(b)) return;
      const p = restartDead(world, [b], ledger, log, count)
        .catch((e: Error) => log(`restart of ${world.branches[b].code} failed, trying again later: ${e.message.split('\n')[0]}`))
        .finally(() => restarting.delete(b));
      restarting.set(b, p);
    };

    async function act(b: number): Promise<void> {
      const rng = opRng[b];
      const slot = world.branches[b];
      if (!world.branchAlive(b) || restarting.has(b)) {
        revive(b);
        return;
      }
      if (offlineUntil[b] <= step && rng.chance(0.03 * Math.min(1, intensity + 0.2))) {
        offlineUntil[b] = step + rng.int(2, 6);
        log(`${slot.code} offline until step ${offlineUntil[b]}`);
        count('offline-periods');
      }
      if (rng.chance(0.03)) {
        // The wall clock jumps (NTP, a person fixing the time), backwards too.
        slot.skewMs = SKEWS_MS[b % SKEWS_MS.length] + rng.int(-120_000, 120_000);
        count('clock-jumps');
        await slot.proc!.call('setSkew', { ms: slot.skewMs }).catch(() => undefined);
      }
      const background: Promise<void>[] = [];
      const n = rng.int(1, 3);
      for (let i = 0; i < n && world.branchAlive(b); i++) {
        const kind = rng.weighted<OpKind>({ create: 10, update: 30, phones: 4, transactions: 14, fetch: 8, refetch: 2, sync: 26 });
        if (kind === 'sync' && offlineUntil[b] > step) continue;
        if (kind === 'sync' && rng.chance(0.6)) {
          // Writes go on while it syncs, landing in any phase of it (before the
          // outbox is read, between push and pull, while a page applies).
          background.push(runOp(b, 'sync'));
          await sleep(rng.int(0, 40));
          continue;
        }
        await runOp(b, kind);
      }
      await Promise.all(background);
    }

    for (let epoch = 0; epoch < epochs && violations.length === 0; epoch++) {
      if (epochs > 1) log(`schedule ${epoch + 1} of ${epochs}`);
      faultsOn = intensity > 0;
      offlineUntil.fill(-1);
      for (let i = 0; i < steps; i++, step++) {
        if (Date.now() > deadline) throw new Error('run deadline passed during the workload');
        // Sometimes a branch dies at no particular point of sync: mid-write, mid-apply, idle.
        if (faultsOn && stepRng.chance(0.15 * intensity)) {
          const b = stepRng.int(0, branchCount - 1);
          const after = stepRng.int(0, 40);
          const at = step;
          setTimeout(() => {
            if (faultsOn) void world.killBranch(b, `random point, ${after} ms into step ${at}`);
          }, after);
        }
        await withDeadline(Promise.all(world.branches.map((_, b) => act(b))), deadline, `step ${step}`);
      }

      // Quiescence: no more faults, every process up, sync until nothing moves twice in a row.
      faultsOn = false;
      log('quiescence');
      await world.proxy.drain();
      await world.headOfficesUp();
      while (restarting.size > 0) await Promise.allSettled([...restarting.values()]);
      await restartDead(world, world.branches.map((s) => s.index), ledger, log, count);
      let quietRounds = 0;
      let rounds = 0;
      while (quietRounds < 2) {
        if (++rounds > 40 || Date.now() > deadline) throw new Error(`no quiescence after ${rounds - 1} rounds (see the transcript)`);
        // A kill decided just before the faults stopped may still land: bring everything back first.
        await world.headOfficesUp();
        await restartDead(world, world.branches.filter((x) => !world.branchAlive(x.index)).map((x) => x.index), ledger, log, count);
        const reports = await Promise.all(
          world.branches.map((s) =>
            s.proc!.call<{ pushed: number; pulled: number }>('sync', undefined, 60_000).then(
              (r) => r,
              (e: Error) => {
                log(`quiescence sync of ${s.code} failed: ${e.message}`);
                return null;
              },
            ),
          ),
        );
        const moved = reports.some((r) => r === null || r.pushed > 0 || r.pulled > 0);
        if (moved) log(`quiescence round ${rounds}: ${reports.map((r, b) => `${world.branches[b].code} ${r ? `+${r.pushed}/-${r.pulled}` : 'failed'}`).join(', ')}`);
        quietRounds = moved ? 0 : quietRounds + 1;
      }
      count('quiescence-rounds', rounds);
      await world.proxy.drain();

      checks = await checkInvariants(world, ledger, log);
      for (const v of checks.violations) violations.push(epochs > 1 ? `(schedule ${epoch + 1}) ${v}` : v);
      Object.assign(stats, checks.stats);
      count('schedules');
    }
  } catch (error) {
    violations.push(`run aborted: ${(error as Error).stack ?? error}`);
  } finally {
    stats['kills:branch'] = world.branchKills;
    stats['kills:head-office'] = world.hoKills;
    stats['branch-restarts'] = world.branches.reduce((s, x) => s + x.restarts, 0);
    await world.dispose();
  }
  const ms = Date.now() - started;
  log(`seed ${seed}: ${violations.length === 0 ? 'ok' : `${violations.length} violation(s)`} in ${(ms / 1000).toFixed(1)} s`);
  return { seed, ok: violations.length === 0, violations, stats, ms, transcript };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The branch process's intent journal: what each edit was made over, by order. */
function readJournal(dir: string): Map<number, Record<string, Value>> {
  const out = new Map<number, Record<string, Value>>();
  const file = join(dir, 'sim-journal.ndjson');
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const { order, before } = JSON.parse(line) as { order: number; before: Record<string, Value> };
      out.set(order, before);
    } catch {
      // A line cut short by the kill: that edit never reached its transaction.
    }
  }
  return out;
}

function e164(local: string): string {
  return `+62${local.slice(1)}`;
}

async function withDeadline<T>(p: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: run deadline passed`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts dead branches again on their data directories and settles the
 * operations they died with: values are unique, so the replica (or its
 * outbox) shows whether the write committed before the process died.
 */
async function restartDead(world: World, which: number[], ledger: Ledger, log: (l: string) => void, count: (k: string) => void): Promise<void> {
  await Promise.all(
    which.map(async (b) => {
      const slot = world.branches[b];
      if (world.branchAlive(slot.index)) return;
      await world.restartBranch(slot.index);
      log(`restarted ${slot.code}`);
      const proc = slot.proc!;
      const journal = readJournal(slot.dir);
      for (const e of ledger.edits.filter((x) => x.branch === slot.index && x.status === 'unknown')) {
        if (e.before === undefined && journal.has(e.order)) e.before = journal.get(e.order)![e.column] ?? null;
        const found = await proc.call<{ value: Value; outbox: Value[] }>('probe', { customerId: e.customerId, column: e.column });
        if (found.value === e.value || found.outbox.includes(e.value)) {
          e.status = 'committed';
          count('settled:edit-committed');
        }
        // Otherwise it stays unknown: the invariant checks look for any trace of the value.
      }
      for (const c of ledger.pendingCreates.filter((x) => x.branch === slot.index)) {
        const found = await proc.call<{ customer: { id: string; customerNumber: string } | null }>('probe', { fullName: c.fullName });
        if (found.customer) {
          ledger.customers.set(found.customer.id, { id: found.customer.id, customerNumber: found.customer.customerNumber, home: c.branch, phone: c.phone, fullName: c.fullName, status: 'committed', initial: c.initial });
          count('settled:create-committed');
        }
      }
      ledger.pendingCreates.splice(0, ledger.pendingCreates.length, ...ledger.pendingCreates.filter((x) => x.branch !== slot.index));
      const unknownTx = ledger.transactions.filter((t) => t.branch === slot.index && t.status === 'unknown');
      if (unknownTx.length > 0) {
        const found = await proc.call<{ transactions: { id: string; amount: number }[] }>('probe', { amounts: unknownTx.map((t) => t.amount) });
        const byAmount = new Map(found.transactions.map((t) => [t.amount, t.id]));
        for (const t of unknownTx) {
          const id = byAmount.get(t.amount);
          t.status = id ? 'committed' : 'not-committed';
          t.id = id ?? null;
          count(id ? 'settled:tx-committed' : 'settled:tx-lost-with-process');
        }
      }
    }),
  );
}
