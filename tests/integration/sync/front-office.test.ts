import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';
import { upload } from '../frontoffice/support.js';

/**
 * The front office's tables sync in the customer's scope: family links,
 * assets, needs and wants, sensitive data, profile changes and interactions,
 * and an import's undo (voided purchases) reaches the other branch too.
 */
describe('front-office data between two branches (PostgreSQL head office)', () => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;
  let budiId: string;

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

  it('a Customer 360 written at one branch arrives whole at the branch that fetches the customer', async () => {
    const ani = await jkt.ok('customers.create', { fullName: 'Ani Hartono' });
    const budi = await jkt.ok('customers.create', {
      fullName: 'Budi Hartono',
      phones: [{ number: '0812-9000-1111', whatsapp: true }],
      hobbies: ['memancing'],
      preferredChannel: 'whatsapp',
      externalRef: 'LAMA-77',
      family: [{ customerId: ani.id, relation: 'child' }],
    });
    budiId = budi.id;
    await jkt.ok('assets.save', { customerId: budi.id, kind: 'vehicle', label: 'Honda Vario', identifier: 'B 4321 XY', dueKind: 'service', dueDate: '2027-01-10' });
    await jkt.ok('needs.add', { customerId: budi.id, kind: 'need', text: 'Servis berkala dijemput' });
    await jkt.ok('interactions.log', { customerId: budi.id, channel: 'visit', purpose: 'service', outcome: 'resolved', notes: 'Ganti oli' });
    await jkt.ok('sensitive.update', { customerId: budi.id, patch: { healthConditions: 'Hipertensi' } });
    await jkt.ok('customers.update', { id: budi.id, patch: { occupation: 'Sopir' } });
    const id = await upload(jkt as never, 'beli.csv', 'ref,tanggal,nilai\nLAMA-77,2026-01-05,150000\nLAMA-77,2026-02-05,90000\n');
    const { guess } = await jkt.ok('imports.inspect', { uploadId: id, kind: 'transactions' });
    const batch = await jkt.ok('imports.run', { uploadId: id, kind: 'transactions', mapping: guess });
    expect(batch.created).toBe(2);
    await jkt.ok('imports.undo', { id: batch.id });
    await jkt.sync();
    expect(jkt.core.services.sync.status()).toMatchObject({ pending: 0, rejected: 0 });

    await bdg.sync();
    await bdg.core.services.sync.fetchCustomer('+6281290001111');
    const p = await bdg.ok('customers.profile360', { id: budi.id });
    expect(p.customer).toMatchObject({ fullName: 'Budi Hartono', occupation: 'Sopir', hobbies: ['memancing'], preferredChannel: 'whatsapp', externalRef: 'LAMA-77' });
    // Ani is not in Bandung's scope: the link arrives, her name does not.
    expect(p.customer.family).toEqual([expect.objectContaining({ customerId: ani.id, relation: 'child', fullName: null })]);
    expect(p.assets.map((a: any) => a.label)).toEqual(['Honda Vario']);
    expect(p.needs.map((n: any) => n.text)).toEqual(['Servis berkala dijemput']);
    expect(p.stats).toMatchObject({ interactions: 1, purchases: 0, totalSpent: 0 });
    expect(p.timeline.entries.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['interaction', 'need', 'profile']));
    expect(p.timeline.entries.find((e: any) => e.kind === 'interaction')).toMatchObject({ notes: 'Ganti oli', staffName: 'Manajer JKT01' });
    expect((await bdg.ok('sensitive.get', { customerId: budi.id })).healthConditions).toBe('Hipertensi');
    const voided = bdg.core.services.db.sqlite.prepare('SELECT count(*) FROM transactions WHERE customer_id = ? AND voided_at IS NOT NULL').pluck().get(budi.id);
    expect(voided).toBe(2);
    for (const b of [jkt, bdg]) expect((await checksumsMatch(b)).equal).toBe(true);
  });

  it('both branches edit the same customer\'s profile fields and assets; every change survives', async () => {
    await jkt.ok('customers.update', { id: budiId, patch: { likes: 'Kopi tubruk' } });
    await bdg.ok('customers.update', { id: budiId, patch: { ambitions: 'Punya bengkel sendiri' } });
    await bdg.ok('interactions.log', { customerId: budiId, channel: 'phone', purpose: 'greeting' });
    await jkt.sync();
    await bdg.sync();
    await jkt.sync();
    for (const b of [jkt, bdg]) {
      const p = await b.ok('customers.profile360', { id: budiId });
      expect([p.customer.likes, p.customer.ambitions, p.stats.interactions]).toEqual(['Kopi tubruk', 'Punya bengkel sendiri', 2]);
      expect((await checksumsMatch(b)).equal).toBe(true);
    }
  });
});
