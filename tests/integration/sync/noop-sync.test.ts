import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DRIVERS } from '../headoffice/support.js';
import { enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';
import { HttpSyncTarget, SyncTransportError, type SyncTarget } from '../../../src/branch/sync/target.js';
import { addCatalogueItem } from '../../../src/headoffice/catalogue/service.js';
import { revokeBranch, findBranchByCode } from '../../../src/headoffice/branches/registry.js';
import { syncHealth } from '../../../src/headoffice/sync/health.js';
import { issueEnrolmentToken } from '../../../src/headoffice/enrolment/tokens.js';
import { addBranch } from '../../../src/headoffice/branches/registry.js';
import { SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/tables.js';

/**
 * A sync with nothing to do (issue #3): hello carries the branch's cursors
 * (protocol 2) and the head office answers whether anything is new; when
 * nothing is, the sync is that one request and one local commit, and the
 * head office still records it as the branch's last sync. Anything new (a
 * feed entry, a catalogue row, a conflict, a conflict reviewed elsewhere, a
 * write at the branch) makes it the ordinary sync. An older branch
 * (protocol 1) and an older head office (refusing protocol 2) keep working.
 */

/** Every call a branch makes to the head office, by name (and hello's protocol and answer). */
function recording(log: string[], refuseProtocol2 = false, duringHello: { run: (() => Promise<unknown>) | null } = { run: null }) {
  return (inner: SyncTarget): SyncTarget =>
    new Proxy(inner, {
      get(target, name) {
        const value = (target as never)[name] as unknown;
        if (typeof value !== 'function') return value;
        return async (request: Record<string, unknown>) => {
          if (name === 'hello') {
            if (refuseProtocol2 && request.protocol !== 1) {
              log.push(`hello${request.protocol}:refused`);
              throw new SyncTransportError('UNAVAILABLE', true, `protocol ${request.protocol} is not served`);
            }
            const answer = await (value as (r: unknown) => Promise<{ upToDate?: boolean }>).call(target, request);
            const run = duringHello.run;
            duringHello.run = null;
            await run?.();
            log.push(`hello${request.protocol}:${answer.upToDate ?? '-'}`);
            return answer;
          }
          log.push(String(name));
          return (value as (r: unknown) => Promise<unknown>).call(target, request);
        };
      },
    });
}

describe.each(DRIVERS)('a sync with nothing to do is one request (%s)', (driver) => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;
  const calls: string[] = [];
  const duringHello: { run: (() => Promise<unknown>) | null } = { run: null };
  const nodeRow = async (code: string) =>
    (
      (await ho.database.db.execute(
        sql`SELECT n.last_pull_at, n.last_pull_cursor, n.last_seen_at, n.pending, b.last_seen_at AS branch_seen FROM sync_nodes n JOIN branches b ON b.id = n.branch_id WHERE b.code = ${code}`,
      )) as unknown as { rows: Record<string, unknown>[] }
    ).rows[0];
  const syncJkt = async () => {
    calls.length = 0;
    return jkt.sync();
  };

  beforeAll(async () => {
    ho = await startHeadOffice(driver);
    jkt = await enrolledBranch(ho, 'JKT01', { wrapTarget: recording(calls, false, duringHello) });
    bdg = await enrolledBranch(ho, 'BDG01', { wrapTarget: recording([]) });
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  it('the first sync pulls (a schema catch-up is due); the next, with nothing new, is hello alone and still counts as a sync on both sides', async () => {
    await syncJkt();
    expect(calls[0]).toBe('hello2:false');
    expect(calls).toContain('pull');
    const old = '2026-01-01T00:00:00.000Z';
    await ho.database.db.execute(sql`UPDATE sync_nodes SET last_pull_at = ${old}::timestamptz, last_seen_at = ${old}::timestamptz`);
    await ho.database.db.execute(sql`UPDATE branches SET last_seen_at = ${old}::timestamptz`);
    const before = jkt.core.services.sync.status();
    const report = await syncJkt();
    expect(calls).toEqual(['hello2:true']);
    expect([report.pushed, report.pulled]).toEqual([0, 0]);
    const after = jkt.core.services.sync.status();
    expect(after.lastSyncAt! > before.lastSyncAt!).toBe(true);
    expect(after.lastAttemptAt! > before.lastAttemptAt!).toBe(true);
    expect(after).toMatchObject({ lastError: null, pending: 0, cursor: before.cursor });
    // The head office recorded it as the empty pull it replaces: last sync, data age, last seen.
    const node = await nodeRow('JKT01');
    for (const at of [node.last_pull_at, node.last_seen_at, node.branch_seen]) expect(Date.now() - Date.parse(String(new Date(at as string)))).toBeLessThan(60_000);
    expect(String(node.last_pull_cursor)).toBe(after.cursor);
    const health = (await syncHealth(ho.database.db, new Date())).find((h) => h.code === 'JKT01')!;
    expect(health).toMatchObject({ pending: 0, behind: 0 });
    expect(health.dataAgeSeconds).toBeLessThan(60);
  });

  it('a write at the branch is pushed, then pulled and the conflicts asked for as usual', async () => {
    await jkt.ok('customers.create', { fullName: 'Budi Santoso', phones: [{ number: '0812-3456-7890' }] });
    const report = await syncJkt();
    expect(report.pushed).toBe(2);
    // Nothing was new at the head office, but the push may bring conflicts and routes the rows back.
    expect(calls.slice(0, 2)).toEqual(['hello2:true', 'push']);
    expect(calls.slice(2).sort()).toEqual(['conflicts', 'pull']);
    // The pending count the branch reported at hello is on record.
    expect(Number((await nodeRow('JKT01')).pending)).toBe(2);
    await syncJkt();
    expect(Number((await nodeRow('JKT01')).pending)).toBe(0);
  });

  it('a write made while hello is under way is pushed in the same run, and the run goes on in full', async () => {
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
    duringHello.run = () => jkt.ok('customers.create', { fullName: 'Dewi Lestari', phones: [{ number: '0812-7777-8888' }] });
    const report = await syncJkt();
    expect(report.pushed).toBe(2);
    expect(calls.slice(0, 2)).toEqual(['hello2:true', 'push']);
    expect(calls.slice(2).sort()).toEqual(['conflicts', 'pull']);
    expect(jkt.core.services.sync.status().pending).toBe(0);
  });

  it('a change from another branch in its scope: hello says so and the sync pulls it', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    await bdg.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Pedagang' } });
    await bdg.sync();
    const report = await syncJkt();
    expect(calls[0]).toBe('hello2:false');
    expect(report.pulled).toBeGreaterThan(0);
    expect((await jkt.ok('customers.get', { id: c.id })).occupation).toBe('Pedagang');
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
  });

  it('a catalogue row written at the head office (in no feed) is new for every branch', async () => {
    await addCatalogueItem(ho.database.db, { sku: 'OLI-1', name: 'Oli mesin 1 L', kind: 'product', category: 'Oli', unitPrice: 85_000 });
    const report = await syncJkt();
    expect(calls[0]).toBe('hello2:false');
    expect(report.pulled).toBe(1);
    expect((await jkt.ok('catalogue.list', {})).items.map((i: { sku: string }) => i.sku)).toEqual(['OLI-1']);
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
  });

  it('a conflict, and the same conflict reviewed at another branch, reach the branch', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    await jkt.ok('customers.update', { id: c.id, patch: { nickname: 'Pak Budi' } });
    await bdg.ok('customers.update', { id: c.id, patch: { nickname: 'Mas Budi' } });
    await syncJkt();
    await bdg.sync();
    await syncJkt();
    const open = jkt.core.services.sync.conflictStore.list('open').filter((x) => x.field === 'nickname');
    expect(open).toHaveLength(1);
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
    // Kept at Bandung: a decision only (no edit, no feed entry), so only the conflict question sees it.
    await bdg.sync();
    const atBdg = (await bdg.ok('sync.conflicts', {})).find((x: { field: string }) => x.field === 'nickname');
    await bdg.ok('sync.resolveConflict', { id: atBdg.id, keep: 'winner' });
    await bdg.sync();
    // Nothing in Jakarta's feed after its cursor: only the conflict question can tell it.
    const cursor = jkt.core.services.sync.status().cursor;
    const behind = (await ho.database.db.execute(
      sql`SELECT count(*)::int AS n FROM sync_feed f JOIN branches b ON b.id = f.branch_id WHERE b.code = 'JKT01' AND f.seq > ${Number(cursor)}`,
    )) as unknown as { rows: { n: number }[] };
    expect(behind.rows[0].n).toBe(0);
    const report = await syncJkt();
    expect(calls[0]).toBe('hello2:false');
    expect(calls.slice(1).sort()).toEqual(['conflicts', 'pull']);
    expect(report.pulled).toBe(0);
    expect(jkt.core.services.sync.conflictStore.get(open[0].id)?.status).toBe('kept');
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
  });

  it('a resolution queued at the branch is sent even when nothing is new at the head office', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Guru' } });
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Dosen' } });
    await bdg.sync();
    await syncJkt();
    await syncJkt();
    const conflict = jkt.core.services.sync.conflictStore.list('open').find((x) => x.field === 'occupation')!;
    expect(conflict).toBeDefined();
    await syncJkt();
    expect(calls).toEqual(['hello2:true']);
    jkt.core.services.db.sqlite.transaction(() => jkt.core.services.sync.conflictStore.markResolved(conflict.id, 'kept', 'Manajer JKT01', new Date().toISOString()))();
    await syncJkt();
    expect(calls[0]).toBe('hello2:true');
    expect(calls.slice(1).sort()).toEqual(['conflicts', 'pull', 'resolveConflicts']);
    const [row] = ((await ho.database.db.execute(sql`SELECT status FROM sync_conflicts WHERE id = ${conflict.id}`)) as unknown as { rows: { status: string }[] }).rows;
    expect(row.status).toBe('kept');
  });

  it('an older branch (protocol 1) is served as before: no answer about news, nothing recorded as a pull', async () => {
    const branch = await addBranch(ho.database.db, { code: 'PLG01', name: 'Cabang Palembang', timeZone: 'WIB' });
    const { token } = await issueEnrolmentToken(ho.database.db, branch.id, {});
    const nodeId = 'a1b2c3d4e5f60718';
    const enrolled = await new HttpSyncTarget({ baseUrl: ho.url }).enrol({ token, nodeId, branchCode: 'PLG01', schemaVersion: SYNC_SCHEMA_VERSION });
    const old = new HttpSyncTarget({ baseUrl: ho.url, credential: enrolled.credential });
    const hello = await old.hello({ protocol: 1, schemaVersion: SYNC_SCHEMA_VERSION, nodeId, clientTime: new Date().toISOString(), pending: 3 });
    expect(hello).toMatchObject({ protocol: 1, branchId: branch.id });
    expect(hello.upToDate).toBeUndefined();
    const node = await nodeRow('PLG01');
    expect(node).toMatchObject({ last_pull_at: null, pending: 3 });
    const page = await old.pull({ nodeId, schemaVersion: SYNC_SCHEMA_VERSION, cursor: null, limit: 100 });
    expect(page.rows.map((r) => r.table)).toEqual(['catalogue_items']);
    // Protocol 1 with the new fields, or a protocol the head office does not know, is refused.
    const refused = (request: Record<string, unknown>) => old.hello({ schemaVersion: SYNC_SCHEMA_VERSION, nodeId, clientTime: new Date().toISOString(), pending: 0, ...request } as never);
    await expect(refused({ protocol: 1, cursor: '0', conflictCursor: 0, openConflicts: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(refused({ protocol: 2, cursor: '0' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(refused({ protocol: 3 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // A node of another branch is refused and nothing of that branch is touched.
    const jktNode = jkt.core.services.sync.status();
    expect(jktNode.enrolled).toBe(true);
    const before = await nodeRow('JKT01');
    await expect(
      old.hello({ protocol: 2, schemaVersion: SYNC_SCHEMA_VERSION, nodeId: jkt.core.services.capture.nodeId, clientTime: new Date().toISOString(), pending: 9, cursor: '0', conflictCursor: 0, openConflicts: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await nodeRow('JKT01')).toEqual(before);
  });

  it('a branch whose head office refuses protocol 2 speaks protocol 1 and syncs in full', async () => {
    const log: string[] = [];
    const mdn = await enrolledBranch(ho, 'MDN01', { wrapTarget: recording(log, true) });
    try {
      await mdn.ok('customers.create', { fullName: 'Siti Aminah', phones: [{ number: '0813-1111-2222' }] });
      await mdn.sync();
      log.length = 0;
      const report = await mdn.sync();
      expect(log.slice(0, 2)).toEqual(['hello2:refused', 'hello1:-']);
      expect(log.slice(2).sort()).toEqual(['conflicts', 'pull']);
      expect(report.pulled).toBe(0);
      expect(mdn.core.services.sync.status().lastError).toBeNull();
    } finally {
      mdn.close();
    }
  });

  it('hello checks the credential in its own statement: an unknown one is refused first, whatever the body', async () => {
    const hello = (credential: string, body: unknown) =>
      fetch(`${ho.url}/sync/hello`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify(body) }).then(
        async (r) => [r.status, ((await r.json()) as { error?: { code: string } }).error?.code],
      );
    const good = { protocol: 2, schemaVersion: SYNC_SCHEMA_VERSION, nodeId: 'f0e1d2c3b4a59687', clientTime: new Date().toISOString(), pending: 0, cursor: null, conflictCursor: 0, openConflicts: [] };
    const unknown = `01234567-89ab-cdef-0123-456789abcdef.${'x'.repeat(43)}`;
    expect(await hello(unknown, good)).toEqual([401, 'NOT_SIGNED_IN']);
    expect(await hello(unknown, { ...good, protocol: 9 })).toEqual([401, 'NOT_SIGNED_IN']);
    expect(await hello(unknown, { nonsense: true })).toEqual([401, 'NOT_SIGNED_IN']);
    expect(await hello('not-a-credential', good)).toEqual([401, 'NOT_SIGNED_IN']);
    const nodes = (await ho.database.db.execute(sql`SELECT count(*)::int AS n FROM sync_nodes WHERE node_id = 'f0e1d2c3b4a59687'`)) as unknown as { rows: { n: number }[] };
    expect(nodes.rows[0].n).toBe(0);
    // With a good credential the body is judged.
    const credential = jkt.core.services.db.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'sync_credential'").pluck().get() as string;
    expect(await hello(credential, { nonsense: true })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await hello(credential, { ...good, nodeId: jkt.core.services.capture.nodeId, protocol: 9 })).toEqual([503, 'UNAVAILABLE']);
  });

  it('a revoked branch is refused at hello and nothing of it is written; the branch records the error', async () => {
    await bdg.sync();
    const old = '2026-01-01T00:00:00.000Z';
    await ho.database.db.execute(sql`UPDATE sync_nodes SET last_seen_at = ${old}::timestamptz, pending = 0 WHERE branch_id = (SELECT id FROM branches WHERE code = 'BDG01')`);
    await revokeBranch(ho.database.db, (await findBranchByCode(ho.database.db, 'BDG01')).id);
    const before = await nodeRow('BDG01');
    await bdg.ok('customers.create', { fullName: 'Rina Kusuma', phones: [{ number: '0812-9999-0000' }] });
    await expect(bdg.sync()).rejects.toMatchObject({ code: 'BRANCH_REVOKED' });
    expect(bdg.core.services.sync.status().lastError?.code).toBe('BRANCH_REVOKED');
    expect(await nodeRow('BDG01')).toEqual(before);
  });
});
