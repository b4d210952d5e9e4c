import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * A branch laptop is replaced: the new installation is set up with the same
 * branch code and enrolled with a fresh token. It is a new node of the same
 * branch, and its first pull must bring everything in the branch's scope,
 * including the rows the old laptop pushed itself.
 */
describe('a new installation of a branch', () => {
  let ho: TestHeadOffice;
  let oldLaptop: TestSyncBranch;
  let newLaptop: TestSyncBranch;

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    oldLaptop = await enrolledBranch(ho, 'DPS01');
  }, 60_000);
  afterAll(async () => {
    oldLaptop?.close();
    newLaptop?.close();
    await ho?.close();
  });

  it("receives all of the branch's customers, then both laptops keep each other current", async () => {
    for (const name of ['Made Wirawan', 'Ni Luh Putu Ayu', 'Ketut Sudarsana']) {
      await oldLaptop.ok('customers.create', { fullName: name, phones: [{ number: `0812-${3000 + name.length}-${1000 + name.length}` }] });
    }
    await oldLaptop.sync();
    newLaptop = await enrolledBranch(ho, 'DPS01');
    const first = await newLaptop.sync();
    expect(first.pulled).toBeGreaterThanOrEqual(6);
    expect((await newLaptop.ok('customers.list', {})).total).toBe(3);
    expect((await checksumsMatch(newLaptop)).equal).toBe(true);

    const [made] = (await newLaptop.ok('customers.search', { query: 'made' })).rows;
    await newLaptop.ok('customers.update', { id: made.id, patch: { occupation: 'Pemandu wisata' } });
    await newLaptop.sync();
    await oldLaptop.sync();
    expect((await oldLaptop.ok('customers.get', { id: made.id })).occupation).toBe('Pemandu wisata');
    expect((await checksumsMatch(oldLaptop)).equal).toBe(true);
  });
});
