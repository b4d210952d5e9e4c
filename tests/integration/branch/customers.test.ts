import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBranch, rowCounts, type TestBranch } from '../../support/branch.js';

let b: TestBranch;
beforeEach(async () => {
  b = await makeBranch();
});
afterEach(() => b.cleanup());

const budi = {
  fullName: 'Budi Santoso',
  nickname: 'Budi',
  nik: '3174051203850001',
  birthDate: '1985-03-12',
  gender: 'male',
  occupation: 'Wiraswasta',
  address: { line: 'Jl. Kebon Sirih 12', city: 'Jakarta Pusat', province: 'DKI Jakarta', postalCode: '10340' },
  phones: [{ number: '0812-3456-7890', whatsapp: true }, { number: '(021) 555-1234', label: 'home' }],
  emails: [{ address: 'Budi.Santoso@Gmail.com' }],
  tags: ['vip', 'vip', 'arisan'],
};

describe('creating customers', () => {
  it('stores the full record with E.164 phones, a lower-cased email and a branch-prefixed number', async () => {
    const c = await b.ok('customers.create', budi);
    expect(c.customerNumber).toBe('UJI01-000001');
    expect(c.phones.map((p: any) => [p.e164, p.kind, p.display, p.whatsapp, p.primary])).toEqual([
      ['+6281234567890', 'mobile', '0812-3456-7890', true, true],
      ['+62215551234', 'landline', '(021) 5551234', false, false],
    ]);
    expect(c.emails[0].address).toBe('budi.santoso@gmail.com');
    expect(c.tags).toEqual(['vip', 'arisan']);
    expect(c.address.city).toBe('Jakarta Pusat');
    expect(c.homeBranchId).toBe((await b.ok('setup.status', {})).branchId);
    expect(await b.ok('customers.get', { customerNumber: 'UJI01-000001' })).toEqual(c);
  });

  it('numbers customers one after another', async () => {
    const a = await b.ok('customers.create', { fullName: 'A' });
    const c = await b.ok('customers.create', { fullName: 'B' });
    expect([a.customerNumber, c.customerNumber]).toEqual(['UJI01-000001', 'UJI01-000002']);
  });

  it('refuses bad phone, email and date with field messages, and writes nothing', async () => {
    const before = rowCounts(b.core);
    const r = await b.core.call(b.session, 'customers.create', {
      fullName: 'Salah Semua',
      birthDate: '1990-02-30',
      phones: [{ number: '0812' }],
      emails: [{ address: 'budi@' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.fields?.map((f) => [f.path.join('.'), f.code])).toEqual([
      ['birthDate', 'invalid_date'],
      ['phones.0.number', 'invalid_phone'],
      ['emails.0.address', 'invalid_email'],
    ]);
    expect(rowCounts(b.core)).toEqual(before);
    // The number was not used up either.
    expect((await b.ok('customers.create', { fullName: 'Benar' })).customerNumber).toBe('UJI01-000001');
  });

  it('refuses a future birth date and the same phone twice', async () => {
    const r = await b.core.call(b.session, 'customers.create', {
      fullName: 'X',
      birthDate: '2999-01-01',
      phones: [{ number: '081234567890' }, { number: '+62 812 3456 7890' }],
    });
    expect(!r.ok && r.error.fields?.map((f) => f.code)).toEqual(['future_date', 'duplicate_contact']);
  });
});

describe('updating customers', () => {
  it('changes only the given fields', async () => {
    const c = await b.ok('customers.create', budi);
    const u = await b.ok('customers.update', { id: c.id, patch: { occupation: 'Guru', address: { city: 'Bogor' } } });
    expect(u.occupation).toBe('Guru');
    expect(u.address).toEqual({ ...c.address, city: 'Bogor' });
    expect(u.fullName).toBe(c.fullName);
    expect(u.phones).toEqual(c.phones);
  });

  it('keeps the id of an unchanged phone, tombstones a removed one and adds a new one', async () => {
    const c = await b.ok('customers.create', budi);
    const u = await b.ok('customers.update', {
      id: c.id,
      patch: { phones: [{ number: '0857 1111 2222' }, { number: '+6281234567890', whatsapp: true }] },
    });
    expect(u.phones.map((p: any) => p.e164)).toEqual(['+6285711112222', '+6281234567890']);
    expect(u.phones[1].id).toBe(c.phones[0].id);
    expect(u.phones[0].primary).toBe(true);
    const tomb = b.core.services.db.sqlite
      .prepare("SELECT deleted FROM contact_points WHERE value = '+62215551234'")
      .get() as { deleted: number };
    expect(tomb.deleted).toBe(1);
    // search follows the new number and forgets the old
    expect((await b.ok('customers.search', { query: '0857-1111' })).rows).toHaveLength(1);
    expect((await b.ok('customers.search', { query: '021 5551' })).rows).toHaveLength(0);
  });

  it('a bad patch changes nothing', async () => {
    const c = await b.ok('customers.create', budi);
    const r = await b.core.call(b.session, 'customers.update', {
      id: c.id,
      patch: { occupation: 'Dokter', emails: [{ address: 'bukan email' }] },
    });
    expect(!r.ok && r.error.fields?.[0].path).toEqual(['patch', 'emails', 0, 'address']);
    expect(await b.ok('customers.get', { id: c.id })).toEqual(c);
  });

  it('reports NOT_FOUND for an unknown id and ARCHIVED for an archived customer', async () => {
    const r = await b.core.call(b.session, 'customers.update', { id: 'nope', patch: { occupation: 'x' } });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
    const c = await b.ok('customers.create', budi);
    await b.ok('customers.archive', { id: c.id });
    const r2 = await b.core.call(b.session, 'customers.update', { id: c.id, patch: { occupation: 'x' } });
    expect(!r2.ok && r2.error.code).toBe('ARCHIVED');
  });
});

describe('archive and restore', () => {
  it('hides an archived customer from the list and search, and brings it back', async () => {
    const c = await b.ok('customers.create', budi);
    await b.ok('customers.create', { fullName: 'Siti Aminah' });
    await b.ok('customers.archive', { id: c.id });
    expect((await b.ok('customers.list', {})).total).toBe(1);
    expect((await b.ok('customers.list', { includeArchived: true })).total).toBe(2);
    expect((await b.ok('customers.search', { query: 'budi' })).rows).toHaveLength(0);
    expect((await b.ok('customers.search', { query: 'budi', includeArchived: true })).rows[0].archived).toBe(true);
    await b.ok('customers.restore', { id: c.id });
    expect((await b.ok('customers.search', { query: 'budi' })).rows).toHaveLength(1);
  });
});

describe('the customer list', () => {
  it('pages in a stable order by name, number, city and creation, both directions', async () => {
    const names = ['Wayan', 'andi', 'Ãgus', 'Citra', 'Bambang', 'dewi', 'Eko'];
    for (const [i, n] of names.entries()) await b.ok('customers.create', { fullName: n, address: { city: `Kota ${i % 3}` } });
    const all = await b.ok('customers.list', { limit: 100 });
    expect(all.total).toBe(7);
    expect(all.rows.map((r: any) => r.fullName)).toEqual(['Ãgus', 'andi', 'Bambang', 'Citra', 'dewi', 'Eko', 'Wayan']);
    const pages = [
      ...(await b.ok('customers.list', { limit: 3, offset: 0 })).rows,
      ...(await b.ok('customers.list', { limit: 3, offset: 3 })).rows,
      ...(await b.ok('customers.list', { limit: 3, offset: 6 })).rows,
    ];
    expect(pages).toEqual(all.rows);
    const desc = await b.ok('customers.list', { sort: 'customerNumber', direction: 'desc' });
    expect(desc.rows[0].customerNumber).toBe('UJI01-000007');
    const byCity = await b.ok('customers.list', { sort: 'city' });
    expect(byCity.rows.map((r: any) => r.city)).toEqual([...byCity.rows.map((r: any) => r.city)].sort());
  });

  it('refuses a page larger than 500 rows', async () => {
    const r = await b.core.call(b.session, 'customers.list', { limit: 501 });
    expect(!r.ok && r.error.fields?.[0]).toMatchObject({ path: ['limit'], code: 'too_many' });
  });

  it('sees customers written by another connection (count cache follows data_version)', async () => {
    expect((await b.ok('customers.list', {})).total).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(b.core.services.db.file);
    // Another Simpul process (the CLI while the app runs) registers the writer function too.
    other.function('simpul_write_ok', () => 1);
    other
      .prepare(
        "INSERT INTO customers (id, customer_number, full_name, sort_name, home_branch_id, created_at, updated_at, created_by, updated_by) VALUES ('x', 'UJI01-999999', 'Dari Luar', 'dari luar', 'b', 't', 't', 'u', 'u')",
      )
      .run();
    other.close();
    expect((await b.ok('customers.list', {})).total).toBe(1);
  });

  it('refuses a write from a program that bypasses the core (no change capture, no write)', async () => {
    await b.ok('customers.create', { fullName: 'Budi' });
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(b.core.services.db.file);
    expect(() => other.prepare("UPDATE customers SET full_name = 'Diam-diam'").run()).toThrow(/simpul_write_ok/);
    other.function('simpul_write_ok', () => 0);
    expect(() => other.prepare("UPDATE customers SET full_name = 'Diam-diam'").run()).toThrow(/outside the sync writer/);
    expect(() => other.prepare('DELETE FROM customers').run()).toThrow(/never deleted/);
    other.close();
    expect((await b.ok('customers.list', {})).rows[0].fullName).toBe('Budi');
  });
});
