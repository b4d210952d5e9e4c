import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DRIVERS } from '../headoffice/support.js';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';
import { listDuplicates, mergeCustomers, nameSimilarity, undoMerge } from '../../../src/headoffice/sync/duplicates.js';

describe('name similarity', () => {
  it('is high for spelling variants and low for different people', () => {
    expect(nameSimilarity('Muhammad Rizki', 'Muhamad Rizky')).toBeGreaterThan(0.8);
    expect(nameSimilarity('Siti Nurhaliza', 'SITI NURHALIZA')).toBe(1);
    expect(nameSimilarity('Budi Santoso', 'Agus Salim')).toBeLessThan(0.5);
  });
});

describe.each(DRIVERS)('duplicates across branches (%s)', (driver) => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let sby: TestSyncBranch;
  let atJkt: any;
  let atSby: any;

  beforeAll(async () => {
    ho = await startHeadOffice(driver);
    jkt = await enrolledBranch(ho, 'JKT01');
    sby = await enrolledBranch(ho, 'SBY01');
    // The same person registers at two branches while both are offline, typing the phone differently.
    atJkt = await jkt.ok('customers.create', { fullName: 'Muhammad Rizki', birthDate: '1990-05-17', phones: [{ number: '0812-1111-2222' }] });
    atSby = await sby.ok('customers.create', { fullName: 'Muhamad Rizky', birthDate: '1990-05-17', phones: [{ number: '+62 812 1111 2222' }] });
    jkt.core.services.transactions.insertMany([{ customerId: atJkt.id, occurredAt: '2026-10-01T03:00:00Z', kind: 'sale', amount: 150_000, cost: 90_000, discount: 0, itemCount: 1 }]);
    sby.core.services.transactions.insertMany([{ customerId: atSby.id, occurredAt: '2026-10-05T03:00:00Z', kind: 'sale', amount: 275_000, cost: 150_000, discount: 0, itemCount: 2 }]);
    await jkt.sync();
    await sby.sync();
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    sby?.close();
    await ho?.close();
  });

  it('flags the pair once, with every reason, as the changes arrive', async () => {
    const open = await listDuplicates(ho.database.db);
    expect(open).toHaveLength(1);
    expect(open[0].reasons).toEqual(['name_birth_date', 'phone']);
    expect(open[0].customers.map((c) => c.fullName).sort()).toEqual(['Muhamad Rizky', 'Muhammad Rizki']);
  });

  it('merges keeping all history, and both branches follow', async () => {
    const [candidate] = await listDuplicates(ho.database.db);
    const merged = await mergeCustomers(ho.database.db, { winnerId: atJkt.id, loserId: atSby.id, candidateId: candidate.id, by: 'admin pusat' }, new Date());
    expect(merged.redirected).toBe(2); // the loser's phone and purchase
    await jkt.sync();
    await sby.sync();
    for (const b of [jkt, sby]) {
      const purchases = b.core.services.db.sqlite
        .prepare('SELECT amount FROM transactions WHERE customer_id = ? ORDER BY amount')
        .pluck()
        .all(atJkt.id);
      expect(purchases).toEqual([150_000, 275_000]);
      const loser = await b.ok('customers.get', { id: atSby.id });
      expect(loser.archivedAt).not.toBeNull();
      const found = await b.ok('customers.search', { query: '0812-1111-2222' });
      expect(found.rows.map((r: any) => r.id)).toEqual([atJkt.id]);
      expect((await checksumsMatch(b)).equal).toBe(true);
    }
    expect(await listDuplicates(ho.database.db)).toHaveLength(0);
  });

  it('undoes the merge: every row goes back, the loser is restored, on both branches', async () => {
    const [log] = ((await ho.database.db.execute(sql`SELECT id FROM customer_merge_log WHERE undone_at IS NULL`)) as unknown as { rows: { id: string }[] }).rows;
    expect((await undoMerge(ho.database.db, log.id, 'admin pusat', new Date())).restored).toBe(2);
    await jkt.sync();
    await sby.sync();
    for (const b of [jkt, sby]) {
      const ofLoser = b.core.services.db.sqlite.prepare('SELECT amount FROM transactions WHERE customer_id = ?').pluck().all(atSby.id);
      expect(ofLoser).toEqual([275_000]);
      expect((await b.ok('customers.get', { id: atSby.id })).archivedAt).toBeNull();
      expect((await checksumsMatch(b)).equal).toBe(true);
    }
    expect((await listDuplicates(ho.database.db)).map((d) => d.status)).toEqual(['open']);
    await expect(undoMerge(ho.database.db, log.id, 'admin pusat', new Date())).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
