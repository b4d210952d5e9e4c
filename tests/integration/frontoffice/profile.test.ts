import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { frontOfficeCounts, staffSession } from './support.js';

describe('Customer 360 (C1, C3-C6)', () => {
  let b: TestBranch;
  let frontOffice: Awaited<ReturnType<typeof staffSession>>;
  beforeAll(async () => {
    b = await makeBranch();
    frontOffice = await staffSession(b, 'front_office', 'dewi.fo');
  });
  afterAll(() => b?.cleanup());

  it('keeps the full profile: hobbies, likes, ambitions, habits, preferred channel and time', async () => {
    const c = await b.ok('customers.create', {
      fullName: 'Siti Rahayu',
      occupation: 'Guru SD',
      hobbies: ['memasak', 'senam', 'memasak'],
      likes: 'Diskon akhir bulan',
      dislikes: 'Ditelepon pagi-pagi',
      ambitions: 'Membuka katering sendiri',
      shoppingHabits: 'Belanja bulanan tiap tanggal 25',
      preferredChannel: 'whatsapp',
      preferredContactTime: 'Sore, setelah 16.00',
      preferredLanguage: 'Bahasa Jawa',
    });
    expect(c).toMatchObject({ hobbies: ['memasak', 'senam'], preferredChannel: 'whatsapp', ambitions: 'Membuka katering sendiri', family: [] });
    const bad = await b.core.call(b.session, 'customers.update', { id: c.id, patch: { preferredChannel: 'pigeon' } });
    expect(bad.ok || bad.error.fields).toEqual([expect.objectContaining({ path: ['patch', 'preferredChannel'], code: 'invalid_value' })]);
  });

  it('links family members both ways, with the relation read from each side', async () => {
    const budi = await b.ok('customers.create', { fullName: 'Budi Hartono' });
    const ani = await b.ok('customers.create', { fullName: 'Ani Hartono' });
    const sri = await b.ok('customers.create', { fullName: 'Sri Hartono' });
    await b.ok('customers.update', { id: budi.id, patch: { family: [{ customerId: ani.id, relation: 'child' }, { customerId: sri.id, relation: 'spouse' }] } });
    expect((await b.ok('customers.get', { id: ani.id })).family).toEqual([expect.objectContaining({ customerId: budi.id, fullName: 'Budi Hartono', relation: 'parent' })]);
    expect((await b.ok('customers.get', { id: sri.id })).family).toEqual([expect.objectContaining({ customerId: budi.id, relation: 'spouse' })]);
    // Edited from Ani's side: the one stored link changes, no second link appears.
    await b.ok('customers.update', { id: ani.id, patch: { family: [{ customerId: budi.id, relation: 'relative' }] } });
    expect((await b.ok('customers.get', { id: budi.id })).family.map((f: any) => [f.fullName, f.relation])).toEqual([['Ani Hartono', 'relative'], ['Sri Hartono', 'spouse']]);
    await b.ok('customers.update', { id: budi.id, patch: { family: [] } });
    expect((await b.ok('customers.get', { id: ani.id })).family).toEqual([]);
  });

  it('refuses a family link to oneself or to an unknown customer, and writes nothing', async () => {
    const c = await b.ok('customers.create', { fullName: 'Joko Widodo' });
    const before = frontOfficeCounts(b);
    const self = await b.core.call(b.session, 'customers.update', { id: c.id, patch: { fullName: 'Joko W', family: [{ customerId: c.id, relation: 'spouse' }] } });
    expect(self.ok || self.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['family', 0, 'customerId'], code: 'self_relation' }] });
    const unknown = await b.core.call(b.session, 'customers.create', { fullName: 'Baru', family: [{ customerId: 'tidak-ada', relation: 'child' }] });
    expect(unknown.ok || unknown.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['family', 0, 'customerId'], code: 'unknown_customer' }] });
    expect(frontOfficeCounts(b)).toEqual(before);
    expect((await b.ok('customers.get', { id: c.id })).fullName).toBe('Joko Widodo');
  });

  it('keeps assets with due dates, soonest first; a due date needs to say what falls due', async () => {
    const c = await b.ok('customers.create', { fullName: 'Rudi Santoso' });
    await b.ok('assets.save', { customerId: c.id, kind: 'policy', label: 'Asuransi jiwa', identifier: 'POL-778', dueKind: 'renewal', dueDate: '2027-03-01' });
    const car = await b.ok('assets.save', { customerId: c.id, kind: 'vehicle', label: 'Toyota Avanza', identifier: 'D 1234 ABC', year: 2019, dueKind: 'service', dueDate: '2026-12-15' });
    const noKind = await b.core.call(b.session, 'assets.save', { customerId: c.id, kind: 'vehicle', label: 'Honda Beat', dueDate: '2026-12-01' });
    expect(noKind.ok || noKind.error.fields).toEqual([expect.objectContaining({ path: ['dueKind'], code: 'required' })]);
    const bad = await b.core.call(b.session, 'assets.save', { customerId: c.id, kind: 'vehicle', label: 'X', dueKind: 'service', dueDate: '2026-02-30' });
    expect(bad.ok || bad.error.fields).toEqual([expect.objectContaining({ path: ['dueDate'], code: 'invalid_date' })]);
    let p = await b.ok('customers.profile360', { id: c.id });
    expect(p.assets.map((a: any) => [a.label, a.dueDate])).toEqual([['Toyota Avanza', '2026-12-15'], ['Asuransi jiwa', '2027-03-01']]);
    await b.ok('assets.save', { id: car.id, customerId: c.id, kind: 'vehicle', label: 'Toyota Avanza', dueKind: 'service', dueDate: '2027-06-15' });
    await b.ok('assets.remove', { id: (p.assets[1] as any).id });
    p = await b.ok('customers.profile360', { id: c.id });
    expect(p.assets.map((a: any) => [a.label, a.dueDate])).toEqual([['Toyota Avanza', '2027-06-15']]);
  });

  it('scores completeness and names what is missing, most valuable first', async () => {
    const c = await b.ok('customers.create', { fullName: 'Tuti Lestari' });
    let p = await b.ok('customers.profile360', { id: c.id });
    expect(p.completeness.score).toBe(0);
    expect(p.completeness.missing.slice(0, 3)).toEqual(['mobile', 'email', 'birthDate']);
    await b.ok('customers.update', {
      id: c.id,
      patch: { phones: [{ number: '0812-7777-1234', whatsapp: true }], emails: [{ address: 'tuti@contoh.co.id' }], birthDate: '1985-04-02' },
    });
    await b.ok('needs.add', { customerId: c.id, kind: 'need', text: 'Kredit motor dengan cicilan ringan' });
    p = await b.ok('customers.profile360', { id: c.id });
    expect(p.completeness.score).toBe(15 + 10 + 10 + 7 + 5);
    expect(p.completeness.missing).not.toContain('mobile');
    expect(p.completeness.missing).toContain('address');
    // An invalid number does not count as a way to reach the customer.
    await b.ok('customers.update', { id: c.id, patch: { phones: [{ number: '0812-7777-1234', whatsapp: true, invalid: true }] } });
    p = await b.ok('customers.profile360', { id: c.id });
    expect(p.completeness.missing).toEqual(expect.arrayContaining(['mobile', 'whatsapp']));
  });

  it('shows one timeline of interactions, purchases, needs and profile changes, newest first, in pages', async () => {
    const c = await b.ok('customers.create', { fullName: 'Wahyu Pratama' });
    const t0 = Date.now();
    await b.ok('interactions.log', { customerId: c.id, channel: 'phone', purpose: 'greeting', occurredAt: new Date(t0 - 3 * 86_400_000).toISOString() });
    b.core.services.transactions.insertMany([{ customerId: c.id, occurredAt: new Date(t0 - 2 * 86_400_000).toISOString(), kind: 'sale', amount: 250_000, cost: 0, discount: 0, itemCount: 2 }]);
    await b.ok('needs.add', { customerId: c.id, kind: 'want', text: 'Mobil keluarga 7 kursi' });
    await b.ok('customers.update', { id: c.id, patch: { occupation: 'Pedagang', address: { city: 'Bogor' } } });
    const p = await b.ok('customers.profile360', { id: c.id });
    const kinds = p.timeline.entries.map((e: any) => (e.kind === 'profile' ? `profile:${e.source}` : e.kind));
    expect(kinds).toEqual(['profile:edit', 'need', 'profile:created', 'purchase', 'interaction']);
    expect(p.timeline.entries[0].fields).toEqual(['occupation', 'address']);
    expect(p.timeline.entries[3]).toMatchObject({ amount: 250_000, itemCount: 2 });
    expect(p.stats).toMatchObject({ purchases: 1, totalSpent: 250_000, interactions: 1 });
    // Paging: two at a time, then the rest from the cursor, nothing twice.
    const first = await b.ok('customers.timeline', { customerId: c.id, limit: 2 });
    const last = first.entries[1];
    const next = await b.ok('customers.timeline', { customerId: c.id, limit: 10, before: { at: last.at, id: last.id } });
    expect([...first.entries, ...next.entries].map((e: any) => e.id)).toEqual(p.timeline.entries.map((e: any) => e.id));
    expect([first.hasMore, next.hasMore]).toEqual([true, false]);
    const onlyPurchases = await b.ok('customers.timeline', { customerId: c.id, kinds: ['purchase'] });
    expect(onlyPurchases.entries.map((e: any) => e.kind)).toEqual(['purchase']);
  });

  it('hides sensitive data from the front office, shows it to the manager, and audits every view and change', async () => {
    const c = await b.ok('customers.create', { fullName: 'Hendra Gunawan' });
    await b.ok('sensitive.update', { customerId: c.id, patch: { healthConditions: 'Diabetes tipe 2', children: '2 anak (SD, SMP)' } });
    const seen = await b.ok('sensitive.get', { customerId: c.id });
    expect(seen).toMatchObject({ healthConditions: 'Diabetes tipe 2', children: '2 anak (SD, SMP)', financialNotes: null, exportConsent: false });
    expect((await b.ok('customers.profile360', { id: c.id })).sensitiveRecorded).toBe(true);

    const denied = await frontOffice('sensitive.get', { customerId: c.id });
    expect(denied.ok || denied.error.code).toBe('FORBIDDEN');
    const edit = await frontOffice('sensitive.update', { customerId: c.id, patch: { healthConditions: 'x' } });
    expect(edit.ok || edit.error.code).toBe('FORBIDDEN');
    const profile = await frontOffice('customers.profile360', { id: c.id });
    expect(profile.ok && (profile.value as any).sensitiveRecorded).toBeNull();
    expect(JSON.stringify(profile)).not.toContain('Diabetes');
    // Nothing of it reaches the timeline, which every role sees.
    expect(JSON.stringify((profile as any).value.timeline)).not.toMatch(/health|Diabetes|sensitive/i);

    const audit = await b.ok('audit.list', {});
    expect(audit.filter((a: any) => a.subjectId === c.id).map((a: any) => [a.action, a.detail])).toEqual([
      ['sensitive_view', {}],
      ['sensitive_edit', { fields: ['healthConditions', 'children'] }],
    ]);
    // The log names the staff member and the customer, not only their account and id.
    expect(audit.find((a: any) => a.subjectId === c.id)).toMatchObject({
      username: 'manajer',
      displayName: 'Manajer Uji',
      customers: { [c.id]: { fullName: 'Hendra Gunawan', customerNumber: c.customerNumber } },
    });
    expect(JSON.stringify(audit)).not.toContain('Diabetes');
  });
});
