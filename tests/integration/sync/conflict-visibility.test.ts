import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * A conflict shows both values. Conflicts about sensitive data (health,
 * finances, children: customer_sensitive) reach only the roles allowed to
 * read sensitive data; front-office staff see the other conflicts and a
 * count without the sensitive ones.
 */
describe('conflicts about sensitive data', () => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;
  let frontOffice: string;

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    jkt = await enrolledBranch(ho, 'JKT01');
    bdg = await enrolledBranch(ho, 'BDG01');
    await jkt.ok('users.create', { username: 'siti', displayName: 'Siti Aminah', password: 'kata-sandi-uji', role: 'front_office' });
    const signIn = await jkt.core.call(null, 'auth.signIn', { username: 'siti', password: 'kata-sandi-uji' });
    if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
    frontOffice = (signIn.value as { sessionToken: string }).sessionToken;
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  const asFrontOffice = async (method: string, input: unknown) => {
    const r = await jkt.core.call(frontOffice, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value as any;
  };

  it('are listed to the manager with both values, and to front-office staff not at all', async () => {
    const c = await jkt.ok('customers.create', { fullName: 'Ratna Sari', phones: [{ number: '0813-5555-1212' }] });
    await jkt.ok('sensitive.update', { customerId: c.id, patch: { healthConditions: 'Alergi udang' } });
    await jkt.sync();
    await bdg.core.services.sync.fetchCustomer(c.id);
    // Both branches change the same sensitive field and the same ordinary field while apart.
    await jkt.ok('sensitive.update', { customerId: c.id, patch: { healthConditions: 'Diabetes tipe 2' } });
    await bdg.ok('sensitive.update', { customerId: c.id, patch: { healthConditions: 'Hipertensi' } });
    await jkt.ok('customers.update', { id: c.id, patch: { occupation: 'Petani' } });
    await bdg.ok('customers.update', { id: c.id, patch: { occupation: 'Nelayan' } });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();

    const managerSees = await jkt.ok('sync.conflicts', { status: 'all' });
    const sensitive = managerSees.filter((x: { tableName: string }) => x.tableName === 'customer_sensitive');
    expect(sensitive.map((x: { field: string }) => x.field)).toEqual(['health_conditions']);
    expect([sensitive[0].winnerValue, sensitive[0].loserValue].sort()).toEqual(['Diabetes tipe 2', 'Hipertensi']);
    expect(managerSees.some((x: { field: string }) => x.field === 'occupation')).toBe(true);
    expect((await jkt.ok('sync.status', {})).openConflicts).toBe(managerSees.length);

    const staffSees = await asFrontOffice('sync.conflicts', { status: 'all' });
    expect(staffSees.map((x: { field: string }) => x.field)).toEqual(['occupation']);
    expect(JSON.stringify(staffSees)).not.toMatch(/Diabetes|Hipertensi/);
    expect((await asFrontOffice('sync.status', {})).openConflicts).toBe(1);
    // Nor can front-office staff decide it (sensitive-data roles review conflicts).
    const refused = await jkt.core.call(frontOffice, 'sync.resolveConflict', { id: sensitive[0].id, keep: 'loser' });
    expect(refused.ok).toBe(false);
  });
});
