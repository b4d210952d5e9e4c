import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * Regression (sync simulation notes): a pull raised a row's base even for a
 * field the branch kept local, so a later local edit of that field counted
 * as sequential over a head-office value the branch never saw, and that
 * value was overwritten without reaching the conflict log. The field now
 * keeps its own base until the branch takes the field's value.
 */
describe('a field kept local through a pull keeps its own base', () => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    jkt = await enrolledBranch(ho, 'JKT01');
    bdg = await enrolledBranch(ho, 'BDG01');
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  const outbox = (b: TestSyncBranch) =>
    b.core.services.db.sqlite.prepare('SELECT base_seq AS base, fields FROM sync_outbox ORDER BY seq').all() as { base: number; fields: string }[];
  const rowBase = (b: TestSyncBranch, id: string) =>
    b.core.services.db.sqlite.prepare("SELECT base_seq FROM sync_rows WHERE table_name = 'customers' AND row_id = ?").pluck().get(id) as number;

  it('a second local edit of the field is judged against the value it was first based on, and the unseen value reaches the conflict log', async () => {
    const c = await jkt.ok('customers.create', { fullName: 'Yohanes Lado', phones: [{ number: '0812-7777-1010' }] });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    const seen = rowBase(jkt, c.id);

    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Petani' } }); // waits in JKT's outbox
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Nelayan', nickname: 'Yohan' } });
    await bdg.sync();
    // JKT takes the row from the head office while its edit still waits: it keeps its occupation, takes the nickname.
    await jkt.core.services.sync.fetchCustomer(c.id);
    const afterFetch = await jkt.ok('customers.get', { id: c.id });
    expect(afterFetch).toMatchObject({ occupation: 'Petani', nickname: 'Yohan' });
    expect(rowBase(jkt, c.id)).toBeGreaterThan(seen);

    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Pedagang', notes: 'Pelanggan lama' } });
    const entries = outbox(jkt).map((e) => ({ base: e.base, fields: Object.keys(JSON.parse(e.fields)).sort() }));
    // occupation's edits are based on what JKT saw of it; notes on the row's new base.
    expect(entries.filter((e) => e.fields.includes('occupation')).map((e) => e.base)).toEqual([seen, seen]);
    expect(entries.find((e) => e.fields.includes('notes'))!.base).toBe(rowBase(jkt, c.id));

    await jkt.sync();
    await bdg.sync();
    await jkt.sync();
    const conflicts = (await jkt.ok('sync.conflicts', { status: 'all' })).filter((x: { field: string }) => x.field === 'occupation');
    // Nelayan, which JKT never saw, lost to JKT's later edit: it is in the log, not silently overwritten.
    expect(conflicts.map((x: { loserValue: unknown }) => x.loserValue)).toContain('Nelayan');
    expect((await jkt.ok('customers.get', { id: c.id })).occupation).toBe('Pedagang');
    expect((await bdg.ok('customers.get', { id: c.id })).occupation).toBe('Pedagang');
    expect((await bdg.ok('customers.get', { id: c.id })).notes).toBe('Pelanggan lama');
    // Once the field's value was taken again, the field has no base of its own left.
    expect(jkt.core.services.db.sqlite.prepare('SELECT count(*) FROM sync_field_bases').pluck().get()).toBe(0);
  });
});
