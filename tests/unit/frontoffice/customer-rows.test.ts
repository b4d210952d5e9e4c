import { describe, expect, it } from 'vitest';
import { customerPatchSchema } from '../../../src/shared/domain/customer.js';
import { DemoGenerator } from '../../../src/branch/demo/index.js';
import { plainPatch } from '../../../src/branch/imports/customer-rows.js';

/** What readCustomerRow hands the schema for a demo customer (the shape of a typical import row). */
function rawOf(c: any): Record<string, unknown> {
  const raw: Record<string, unknown> = { fullName: c.fullName };
  for (const f of ['nickname', 'occupation', 'nik', 'birthDate', 'gender', 'notes', 'externalRef']) if (c[f]) raw[f] = c[f];
  if (c.address) raw.address = Object.fromEntries(Object.entries(c.address).filter(([, v]) => v));
  if (c.phones?.length) raw.phones = c.phones.map((p: any) => ({ number: p.number, label: p.label ?? 'mobile', whatsapp: Boolean(p.whatsapp) }));
  if (c.emails?.length) raw.emails = c.emails.map((e: any) => ({ address: e.address }));
  return raw;
}

describe('plainPatch: the import fast path agrees with customerPatchSchema', () => {
  it('gives the schema\'s own patch for ordinary rows, and is used for nearly all of them', () => {
    let plain = 0;
    const customers = [...new DemoGenerator({ customers: 500, transactions: 0, seed: 7, now: '2026-11-22T03:00:00Z' }).batches(500)][0];
    for (const c of customers) {
      const raw = rawOf(c.input);
      const fast = plainPatch(raw);
      const zod = customerPatchSchema.safeParse(raw);
      if (fast) {
        plain += 1;
        expect(zod.success).toBe(true);
        expect(fast).toStrictEqual(zod.success ? zod.data : null);
      }
    }
    expect(plain).toBeGreaterThan(450);
  });

  const base = { fullName: 'Budi Santoso', phones: [{ number: '0812-1111-2222', label: 'mobile', whatsapp: true }], emails: [{ address: 'Budi@Contoh.co.id' }], address: { line: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111' }, birthDate: '1988-03-14', gender: 'male', nik: '3174011203800001' };
  const cases: [string, Record<string, unknown>][] = [
    ['ordinary', base],
    ['name of 200', { ...base, fullName: 'a'.repeat(200) }],
    ['name of 201', { ...base, fullName: 'a'.repeat(201) }],
    ['nickname of 61', { ...base, nickname: 'n'.repeat(61) }],
    ['externalRef of 65', { ...base, externalRef: 'r'.repeat(65) }],
    ['NIK of 15 digits', { ...base, nik: '317401120380000' }],
    ['NIK emptied by separators', { ...base, nik: '' }],
    ['born 1899', { ...base, birthDate: '1899-12-31' }],
    ['born next year', { ...base, birthDate: `${new Date().getUTCFullYear() + 1}-01-01` }],
    ['31 February', { ...base, birthDate: '1990-02-31' }],
    ['unknown gender', { ...base, gender: 'x' }],
    ['postal code of 4', { ...base, address: { postalCode: '4011' } }],
    ['city of 101', { ...base, address: { city: 'c'.repeat(101) } }],
    ['bad email', { ...base, emails: [{ address: 'budi@' }] }],
    ['same email twice', { ...base, emails: [{ address: 'a@contoh.co.id' }, { address: 'A@contoh.co.id' }] }],
    ['email of 255', { ...base, emails: [{ address: `${'e'.repeat(243)}@contoh.co.id` }] }],
    ['bad phone', { ...base, phones: [{ number: '12', label: 'mobile', whatsapp: false }] }],
    ['same phone twice', { ...base, phones: [{ number: '0812-1111-2222', label: 'mobile', whatsapp: false }, { number: '+62 812 1111 2222', label: 'mobile', whatsapp: false }] }],
    ['tags', { ...base, tags: ['VIP'] }],
    ['stage and channel', { ...base, lifecycleStage: 'active', preferredChannel: 'whatsapp' }],
    ['unknown stage', { ...base, lifecycleStage: 'gone' }],
  ];
  it.each(cases)('%s: either the schema\'s patch or left to the schema', (_name, raw) => {
    const fast = plainPatch(raw);
    const zod = customerPatchSchema.safeParse(raw);
    if (!zod.success) expect(fast).toBeNull();
    else if (fast) expect(fast).toStrictEqual(zod.data);
  });

  it('takes the ordinary row itself', () => {
    expect(plainPatch(base)).toStrictEqual(customerPatchSchema.parse(base));
  });
});
