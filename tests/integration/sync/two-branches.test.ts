import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DRIVERS } from '../headoffice/support.js';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

describe.each(DRIVERS)('sync between two branches and the head office (%s)', (driver) => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;

  beforeAll(async () => {
    ho = await startHeadOffice(driver);
    jkt = await enrolledBranch(ho, 'JKT01');
    bdg = await enrolledBranch(ho, 'BDG01');
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  it('pushes a new customer and the head office holds it; the branch replica checksums equal', async () => {
    const c = await jkt.ok('customers.create', { fullName: 'Budi Santoso', phones: [{ number: '0812-3456-7890' }] });
    expect(jkt.core.services.sync.status().pending).toBe(2); // the customer and the phone
    const report = await jkt.sync();
    expect(report.pushed).toBe(2);
    expect(jkt.core.services.sync.status().pending).toBe(0);
    const rows = (await ho.database.db.execute(sql`SELECT data FROM sync_objects WHERE row_id = ${c.id}`)) as unknown as { rows: { data: any }[] };
    expect(rows.rows[0].data.full_name).toBe('Budi Santoso');
    expect((await checksumsMatch(jkt)).equal).toBe(true);
  });

  it('another branch cannot see the customer until it fetches it on demand, then gets its changes', async () => {
    await bdg.sync();
    expect((await bdg.ok('customers.search', { query: 'budi' })).rows).toHaveLength(0);
    const ids = await bdg.core.services.sync.fetchCustomer('+6281234567890');
    expect(ids).toHaveLength(1);
    const found = await bdg.ok('customers.search', { query: '0812-3456' });
    expect(found.rows.map((r: any) => r.fullName)).toEqual(['Budi Santoso']);
    expect((await checksumsMatch(bdg)).equal).toBe(true);
  });

  it('concurrent edits of different fields both survive', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Pedagang' } });
    await bdg.ok('customers.update', { id: c.id, patch: { address: { city: 'Bandung' } } });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();
    for (const b of [jkt, bdg]) {
      const got = await b.ok('customers.get', { id: c.id });
      expect([got.occupation, got.address.city]).toEqual(['Pedagang', 'Bandung']);
      expect((await checksumsMatch(b)).equal).toBe(true);
    }
  });

  it('concurrent edits of the same field: one winner everywhere, the loser in the conflict log', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    await jkt.ok('customers.update', { id: c.id, patch: { nickname: 'Pak Budi' } });
    await bdg.ok('customers.update', { id: c.id, patch: { nickname: 'Mas Budi' } });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();
    const a = await jkt.ok('customers.get', { id: c.id });
    const b = await bdg.ok('customers.get', { id: c.id });
    expect(a.nickname).toBe(b.nickname);
    const conflicts = jkt.core.services.sync.conflictStore.list();
    const nick = conflicts.filter((x) => x.field === 'nickname');
    expect(nick).toHaveLength(1);
    expect([nick[0].winnerValue, nick[0].loserValue].sort()).toEqual(['Mas Budi', 'Pak Budi']);
    expect(nick[0].winnerValue).toBe(a.nickname);
    expect(bdg.core.services.sync.conflictStore.list().filter((x) => x.field === 'nickname')).toHaveLength(1);
  });

  it('a reviewer keeps the other value: it becomes the value everywhere and the conflict is closed', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    const open = await bdg.ok('sync.conflicts', {});
    const nick = open.find((x: any) => x.field === 'nickname');
    expect(nick.customerName).toBe('Budi Santoso');
    const resolved = await bdg.ok('sync.resolveConflict', { id: nick.id, keep: 'loser' });
    expect(resolved.status).toBe('reversed');
    expect((await bdg.ok('customers.get', { id: c.id })).nickname).toBe(nick.loserValue);
    await bdg.sync();
    await jkt.sync();
    expect((await jkt.ok('customers.get', { id: c.id })).nickname).toBe(nick.loserValue);
    const rows = (await ho.database.db.execute(sql`SELECT status, resolved_by FROM sync_conflicts WHERE id = ${nick.id}`)) as unknown as { rows: any[] };
    expect(rows.rows[0]).toEqual({ status: 'reversed', resolved_by: 'Manajer BDG01' });
    const again = await bdg.core.call(bdg.session, 'sync.resolveConflict', { id: nick.id, keep: 'winner' });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
  });

  it('a sequential edit after seeing the other value is not a conflict', async () => {
    const [c] = (await jkt.ok('customers.search', { query: 'budi' })).rows;
    const before = jkt.core.services.sync.conflictStore.list().length;
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Guru' } });
    await bdg.sync();
    await jkt.sync();
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Kepala Sekolah' } });
    await jkt.sync();
    await bdg.sync();
    expect((await bdg.ok('customers.get', { id: c.id })).occupation).toBe('Kepala Sekolah');
    await jkt.sync();
    expect(jkt.core.services.sync.conflictStore.list().length).toBe(before);
  });

  it('reports status: nothing pending, the clock skew, the last sync time', async () => {
    const status = await jkt.ok('sync.status', {});
    expect(status).toMatchObject({ enrolled: true, pending: 0, running: false, lastError: null, intervalMinutes: 15 });
    expect(Math.abs(status.clockSkewMs)).toBeLessThan(5_000);
    expect(Date.now() - Date.parse(status.lastSyncAt)).toBeLessThan(60_000);
  });

  it("the head office sees every branch's sync health", async () => {
    const { syncHealth } = await import('../../../src/headoffice/sync/health.js');
    const health = await syncHealth(ho.database.db, new Date());
    expect(health.map((h) => h.code)).toEqual(['BDG01', 'JKT01']);
    for (const h of health) {
      expect(h).toMatchObject({ status: 'active', pending: 0, behind: 0 });
      expect(h.dataAgeSeconds).toBeLessThan(60);
    }
    expect(health.find((h) => h.code === 'JKT01')!.openConflicts).toBeGreaterThanOrEqual(0);
  });

  it('a no-op sync changes nothing and pushes nothing', async () => {
    const report = await jkt.sync();
    expect([report.pushed, report.pulled]).toEqual([0, 0]);
  });
});
