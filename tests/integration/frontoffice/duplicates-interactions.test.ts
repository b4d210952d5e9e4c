import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { frontOfficeCounts } from './support.js';

describe('duplicate warning while registering (C7)', () => {
  let b: TestBranch;
  let siti: { id: string };
  beforeAll(async () => {
    b = await makeBranch();
    siti = await b.ok('customers.create', {
      fullName: 'Siti Nurhaliza',
      birthDate: '1988-03-14',
      nik: '3273015403880001',
      phones: [{ number: '+62 812 3456 7890' }],
      emails: [{ address: 'Siti.N@Contoh.co.id' }],
    });
    await b.ok('customers.create', { fullName: 'Siti Aminah', birthDate: '1990-01-01' });
  });
  afterAll(() => b?.cleanup());

  const find = (q: object) => b.ok('customers.findDuplicates', q).then((r: any) => r.matches.map((m: any) => [m.customer.fullName, m.reasons]));

  it('finds the same phone typed in another form, the same email in another case, the same NIK', async () => {
    expect(await find({ phones: ['0812-3456-7890'] })).toEqual([['Siti Nurhaliza', ['phone']]]);
    expect(await find({ phones: ['812 3456 7890'] })).toEqual([['Siti Nurhaliza', ['phone']]]);
    expect(await find({ emails: ['siti.n@contoh.CO.ID '] })).toEqual([['Siti Nurhaliza', ['email']]]);
    expect(await find({ nik: '3273 0154 0388 0001' })).toEqual([['Siti Nurhaliza', ['nik']]]);
  });

  it('finds a similar name with the same birth date, in any typed date form, but not another name', async () => {
    expect(await find({ fullName: 'Siti Nurhalisa', birthDate: '14/03/1988' })).toEqual([['Siti Nurhaliza', ['name_birth']]]);
    expect(await find({ fullName: 'Nurhaliza Siti', birthDate: '1988-03-14' })).toEqual([['Siti Nurhaliza', ['name_birth']]]);
    expect(await find({ fullName: 'Bambang Pamungkas', birthDate: '1988-03-14' })).toEqual([]);
    expect(await find({ fullName: 'Siti Nurhaliza', birthDate: '1988-03-15' })).toEqual([]);
  });

  it('lists every reason once per customer, strongest first, and leaves out the customer being edited', async () => {
    expect(await find({ fullName: 'Siti Nurhaliza', birthDate: '1988-03-14', phones: ['081234567890'], emails: ['siti.n@contoh.co.id'] })).toEqual([
      ['Siti Nurhaliza', ['phone', 'email', 'name_birth']],
    ]);
    expect(await find({ phones: ['081234567890'], excludeId: siti.id })).toEqual([]);
  });

  it('ignores half-typed values instead of refusing them', async () => {
    expect(await find({ phones: ['0812-34'], emails: ['siti.n@'], nik: '3273', birthDate: '14/03', fullName: 'Si' })).toEqual([]);
  });
});

describe('interaction log (T1)', () => {
  let b: TestBranch;
  let c: { id: string };
  beforeAll(async () => {
    b = await makeBranch();
    c = await b.ok('customers.create', { fullName: 'Agus Salim' });
  });
  afterAll(() => b?.cleanup());

  it('logs a contact with sensible defaults and the clerk as staff', async () => {
    const i = await b.ok('interactions.log', { customerId: c.id, channel: 'whatsapp', purpose: 'selling', notes: '  Tanya promo kulkas  ' });
    expect(i).toMatchObject({ channel: 'whatsapp', direction: 'inbound', exchange: 'two_way', purpose: 'selling', outcome: 'reached', notes: 'Tanya promo kulkas', staffName: 'Manajer Uji' });
    expect(Date.now() - Date.parse(i.occurredAt)).toBeLessThan(5000);
    const row = b.core.services.db.sqlite.prepare('SELECT fields FROM sync_outbox WHERE table_name = ? AND row_id = ?').pluck().get('interactions', i.id) as string;
    expect(JSON.parse(row)).toMatchObject({ customer_id: c.id, channel: 'whatsapp', staff_name: 'Manajer Uji' });
  });

  it('refuses an unknown channel, a future time and an unknown customer, writing nothing', async () => {
    const before = frontOfficeCounts(b);
    const bad = await b.core.call(b.session, 'interactions.log', { customerId: c.id, channel: 'pigeon', purpose: 'greeting', occurredAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(bad.ok || bad.error.fields?.map((f) => [f.path.join('.'), f.code])).toEqual([['channel', 'invalid_value'], ['occurredAt', 'future_time']]);
    const nobody = await b.core.call(b.session, 'interactions.log', { customerId: 'tidak-ada', channel: 'phone', purpose: 'service' });
    expect(nobody.ok || nobody.error.fields).toEqual([expect.objectContaining({ path: ['customerId'], code: 'unknown_customer' })]);
    expect(frontOfficeCounts(b)).toEqual(before);
  });

  it('is append-only: the database refuses a change to a logged interaction', async () => {
    const i = await b.ok('interactions.log', { customerId: c.id, channel: 'phone', purpose: 'service' });
    expect(() => b.core.services.db.sqlite.prepare("UPDATE interactions SET notes = 'diubah' WHERE id = ?").run(i.id)).toThrow(/outside the sync writer/);
  });
});
