import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';
import type { SyncTarget } from '../../../src/branch/sync/target.js';
import { formatHlc } from '../../../src/shared/sync/hlc.js';

/**
 * Regressions for the faults the simulation (tests/sim) and its review found:
 * each reproduces one interleaving deterministically, on PostgreSQL.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const DAY = 86_400_000;

/** Forwards to the real target; hooks can act before a pull, hold a fetch's answer, or lose a push's answer. */
class Faulty implements SyncTarget {
  beforePull: (() => Promise<void>) | null = null;
  loseNextPushAnswer = false;
  holdFetch: Promise<void> | null = null;
  fetchAnswered: (() => void) | null = null;
  inner!: SyncTarget;
  enrol(r: Parameters<SyncTarget['enrol']>[0]) {
    return this.inner.enrol(r);
  }
  hello(r: Parameters<SyncTarget['hello']>[0]) {
    return this.inner.hello(r);
  }
  async push(r: Parameters<SyncTarget['push']>[0]) {
    const answer = await this.inner.push(r);
    if (this.loseNextPushAnswer) {
      this.loseNextPushAnswer = false;
      throw new Error('answer lost on the way back');
    }
    return answer;
  }
  async pull(r: Parameters<SyncTarget['pull']>[0]) {
    const hook = this.beforePull;
    this.beforePull = null;
    if (hook) await hook();
    return this.inner.pull(r);
  }
  async fetchCustomer(r: Parameters<SyncTarget['fetchCustomer']>[0]) {
    const answer = await this.inner.fetchCustomer(r);
    const hold = this.holdFetch;
    this.holdFetch = null;
    this.fetchAnswered?.();
    if (hold) await hold;
    return answer;
  }
  checksum(r: Parameters<SyncTarget['checksum']>[0]) {
    return this.inner.checksum(r);
  }
  conflicts(r: Parameters<SyncTarget['conflicts']>[0]) {
    return this.inner.conflicts(r);
  }
  resolveConflicts(r: Parameters<SyncTarget['resolveConflicts']>[0]) {
    return this.inner.resolveConflicts(r);
  }
}

/** A branch whose every sync target goes through one Faulty (each sync builds a new target). */
async function faultyBranch(ho: TestHeadOffice, code: string, now?: () => Date): Promise<{ branch: TestSyncBranch; faulty: Faulty }> {
  const faulty = new Faulty();
  const branch = await enrolledBranch(ho, code, {
    now,
    wrapTarget: (t) => {
      faulty.inner = t;
      return faulty;
    },
  });
  return { branch, faulty };
}

async function rows<T>(ho: TestHeadOffice, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await ho.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
}

describe('sync regressions found by the fault-injection simulation', () => {
  let ho: TestHeadOffice;
  const open: TestSyncBranch[] = [];

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
  }, 60_000);
  afterAll(async () => {
    for (const b of open) b.close();
    await ho?.close();
  });

  it('a branch whose change lost ends with the winning value even when the answer with the correction is lost', async () => {
    const { branch: jkt, faulty } = await faultyBranch(ho, 'LA1');
    // A day ahead: its edits carry the greater clock and win concurrent conflicts.
    const bdg = await enrolledBranch(ho, 'LB1', { now: () => new Date(Date.now() + DAY) });
    open.push(jkt, bdg);
    const c = await jkt.ok('customers.create', { fullName: 'Siti Aminah', phones: [{ number: '0812-1111-2222' }] });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);

    await bdg.ok('customers.update', { id: c.id, patch: { nickname: 'Bu Siti' } });
    await bdg.sync();
    // JKT edits the same field while its sync is between push and pull: the pull brings
    // BDG's value and JKT keeps its own, still pending.
    faulty.beforePull = async () => {
      await jkt.ok('customers.update', { id: c.id, patch: { nickname: 'Mbak Siti' } });
    };
    await jkt.sync();
    expect((await jkt.ok('customers.get', { id: c.id })).nickname).toBe('Mbak Siti');

    // JKT's edit (made over the row before BDG's) loses on every field, so the head office row does
    // not change; the answer carrying the correction is lost; the next push is a deduplicated replay.
    const version = async () => (await rows<{ version: string }>(ho, sql`SELECT version FROM sync_objects WHERE table_name = 'customers' AND row_id = ${c.id}`))[0].version;
    const before = await version();
    faulty.loseNextPushAnswer = true;
    await expect(jkt.sync()).rejects.toThrow();
    expect(await version()).toBe(before);
    await jkt.sync();

    expect((await jkt.ok('customers.get', { id: c.id })).nickname).toBe('Bu Siti');
    await bdg.sync();
    expect((await checksumsMatch(jkt)).equal).toBe(true);
    expect((await checksumsMatch(bdg)).equal).toBe(true);
  });

  it('the answer to a push outside the scope discloses nothing outside it', async () => {
    const jkt = await enrolledBranch(ho, 'SA2');
    const bdg = await enrolledBranch(ho, 'SB2');
    open.push(jkt, bdg);
    const c = await jkt.ok('customers.create', { fullName: 'Rahasia Pelanggan', nik: '3171234567890123', phones: [{ number: '0812-3333-4444' }] });
    await jkt.sync();

    const credential = bdg.core.services.db.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'sync_credential'").pluck().get() as string;
    const nodeId = 'prober01';
    const response = await fetch(new URL('/sync/push', ho.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({
        nodeId,
        schemaVersion: 1,
        changes: [{ seq: 1, table: 'customers', rowId: c.id, hlc: formatHlc({ wallMs: Date.now(), counter: 0, node: nodeId }), baseSeq: 0, fields: { nickname: 'x' } }],
      }),
    });
    const body = (await response.json()) as { ok: boolean; value: { quarantined: { code: string }[]; corrections: unknown[] } };
    expect(body.value.quarantined.map((q) => q.code)).toEqual(['OUT_OF_SCOPE']);
    expect(body.value.corrections).toEqual([]);
    // Nor does its feed get the row.
    await bdg.sync();
    expect(bdg.core.services.db.sqlite.prepare('SELECT count(*) FROM customers WHERE id = ?').pluck().get(c.id)).toBe(0);
  });

  it('a conflict whose loser changed nothing still reaches the branches (its detected seq is from the global sequence)', async () => {
    const jkt = await enrolledBranch(ho, 'DA3');
    const bdg = await enrolledBranch(ho, 'DB3', { now: () => new Date(Date.now() + DAY) });
    const sby = await enrolledBranch(ho, 'DC3');
    open.push(jkt, bdg, sby);
    // Move the global sequence well past the branches' outbox numbers.
    for (let i = 0; i < 20; i++) await bdg.ok('customers.create', { fullName: `Pengisi ${i}` });
    await bdg.sync();
    const c = await jkt.ok('customers.create', { fullName: 'Dewi Lestari' });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    await sby.core.services.sync.fetchCustomer(c.id);

    // A first conflict, which JKT receives: its conflict cursor moves up the global sequence.
    await jkt.ok('customers.update', { id: c.id, patch: { nickname: 'Dewi J' } });
    await jkt.sync();
    await bdg.ok('customers.update', { id: c.id, patch: { nickname: 'Dewi B', notes: 'catatan B' } });
    await bdg.sync();
    await jkt.sync();
    expect(jkt.core.services.sync.conflictStore.list('all').map((x) => x.field)).toEqual(['nickname']);

    // SBY's edit, made over the row as fetched, loses on every field: nothing changes at the head office.
    await sby.ok('customers.update', { id: c.id, patch: { notes: 'catatan S' } });
    const before = await rows<{ version: string }>(ho, sql`SELECT version FROM sync_objects WHERE row_id = ${c.id}`);
    await sby.sync();
    expect(await rows<{ version: string }>(ho, sql`SELECT version FROM sync_objects WHERE row_id = ${c.id}`)).toEqual(before);
    const [notes] = await rows<{ detected_seq: string }>(ho, sql`SELECT detected_seq FROM sync_conflicts WHERE row_id = ${c.id} AND field = 'notes'`);
    const [{ seq }] = await rows<{ seq: string }>(ho, sql`SELECT seq FROM sync_counter WHERE id = 1`);
    expect(Number(notes.detected_seq)).toBeGreaterThan(Number(before[0].version));
    expect(Number(notes.detected_seq)).toBeLessThanOrEqual(Number(seq));

    await jkt.sync();
    await sby.sync();
    expect(jkt.core.services.sync.conflictStore.list('all').map((x) => x.field).sort()).toEqual(['nickname', 'notes']);
    expect(sby.core.services.sync.conflictStore.list('all').map((x) => x.field).sort()).toEqual(['nickname', 'notes']);
    expect((await sby.ok('customers.get', { id: c.id })).notes).toBe('catatan B');
    for (const b of [jkt, bdg, sby]) await b.sync();
    for (const b of [jkt, bdg, sby]) expect((await checksumsMatch(b)).equal).toBe(true);
  });

  it('a branch fetching a customer while the home branch pushes a new row of it gets that row', async () => {
    const jkt = await enrolledBranch(ho, 'FA4');
    const bdg = await enrolledBranch(ho, 'FB4');
    open.push(jkt, bdg);
    const c = await jkt.ok('customers.create', { fullName: 'Agus Salim', phones: [{ number: '0812-5555-6666' }] });
    await jkt.sync();

    // Hold the sequence counter so both transactions stop right before they take numbers.
    const blocker = new pg.Client({ connectionString: ho.store.databaseUrl });
    await blocker.connect();
    const waiting = async () =>
      Number((await blocker.query('SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()')).rows[0].n);
    const until = async (n: number) => {
      for (let i = 0; i < 200 && (await waiting()) < n; i++) await sleep(25);
    };
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT seq FROM sync_counter WHERE id = 1 FOR UPDATE');
      jkt.core.services.transactions.insertMany([{ customerId: c.id, occurredAt: new Date().toISOString(), kind: 'sale', amount: 125_000, cost: 60_000, discount: 0, itemCount: 2 }]);
      const pushing = jkt.sync();
      await until(1); // the push has read the scope and waits for the counter
      const fetching = bdg.core.services.sync.fetchCustomer(c.id);
      await until(2); // the fetch waits too (for the counter, or for the push to finish)
      await blocker.query('ROLLBACK');
      await Promise.all([pushing, fetching]);
    } finally {
      await blocker.end();
    }
    await bdg.sync();
    expect(bdg.core.services.db.sqlite.prepare('SELECT count(*) FROM transactions WHERE customer_id = ?').pluck().get(c.id)).toBe(1);
    expect((await checksumsMatch(bdg)).equal).toBe(true);
  });

  it('a fetch answered before a sync pulled newer rows does not put the older rows back', async () => {
    const jkt = await enrolledBranch(ho, 'RA5');
    const { branch: bdg, faulty } = await faultyBranch(ho, 'RB5');
    open.push(jkt, bdg);
    const c = await jkt.ok('customers.create', { fullName: 'Budi Hartono' });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    await bdg.sync();

    // BDG looks the customer up again; the answer (nickname still empty) is slow to arrive.
    let release!: () => void;
    faulty.holdFetch = new Promise<void>((r) => (release = r));
    const answered = new Promise<void>((r) => (faulty.fetchAnswered = r));
    const fetching = bdg.core.services.sync.fetchCustomer(c.id);
    await answered;
    // Meanwhile JKT changes the customer and BDG's scheduled sync pulls it.
    await jkt.ok('customers.update', { id: c.id, patch: { nickname: 'Pak Budi' } });
    await jkt.sync();
    const syncing = bdg.sync();
    await Promise.race([syncing, sleep(1_000)]);
    release();
    await Promise.all([fetching, syncing]);
    await bdg.sync();

    expect((await bdg.ok('customers.get', { id: c.id })).nickname).toBe('Pak Budi');
    expect((await checksumsMatch(bdg)).equal).toBe(true);
  });
});
