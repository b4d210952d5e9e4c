import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../headoffice/support.js';
import { enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * A conflict reviewed at one branch must read as reviewed at every branch
 * that holds it: otherwise the other branch's staff are asked to decide
 * something already decided (regression: the head office sent a conflict to
 * a branch only once, when it was detected, never when it was resolved).
 */
describe.each(DRIVERS)('a reviewed conflict reaches every branch (%s)', (driver) => {
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

  it('B keeps the other value; after both sync, A shows the conflict resolved by B with that value', async () => {
    const c = await jkt.ok('customers.create', { fullName: 'Wayan Sudarta', phones: [{ number: '0813-1111-2222' }] });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Petani' } });
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Nelayan' } });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();

    const [seenByA] = await jkt.ok('sync.conflicts', {});
    const [seenByB] = await bdg.ok('sync.conflicts', {});
    expect(seenByA.id).toBe(seenByB.id);
    expect(seenByA.status).toBe('open');

    const resolved = await bdg.ok('sync.resolveConflict', { id: seenByB.id, keep: 'loser' });
    expect(resolved).toMatchObject({ status: 'reversed', resolvedBy: 'Manajer BDG01' });
    await bdg.sync();
    await jkt.sync();

    expect(await jkt.ok('sync.conflicts', {})).toEqual([]);
    const all = await jkt.ok('sync.conflicts', { status: 'all' });
    expect(all.find((x: { id: string }) => x.id === seenByA.id)).toMatchObject({ status: 'reversed', resolvedBy: 'Manajer BDG01' });
    expect((await jkt.ok('sync.status', {})).openConflicts).toBe(0);
    expect((await jkt.ok('customers.get', { id: c.id })).occupation).toBe(seenByB.loserValue);
    expect((await bdg.ok('customers.get', { id: c.id })).occupation).toBe(seenByB.loserValue);
  });
});
