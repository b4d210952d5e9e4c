import { describe, expect, it } from 'vitest';
import { DemoGenerator, demoCustomers, type DemoCustomer } from '../../../src/branch/demo/index.js';
import { CITIES } from '../../../src/branch/demo/places.js';
import { customerCreateSchema } from '../../../src/shared/domain/customer.js';
import { ageOn } from '../../../src/shared/domain/dates.js';
import { normalisePhone } from '../../../src/shared/domain/phone.js';

const NOW = '2026-11-22T03:00:00Z';
const take = (n: number, seed = 42, transactions?: number): DemoCustomer[] => [
  ...demoCustomers({ customers: n, seed, now: NOW, transactions }),
];
const sample = take(10_000);

describe('demo customers', () => {
  it('every one of 10,000 passes customerCreateSchema and is already in its parsed form', () => {
    for (const c of sample) {
      const parsed = customerCreateSchema.parse(c.input);
      // createMany takes parsed input, so the generator must emit exactly that shape.
      expect(parsed).toEqual(c.input);
    }
  });

  it('is deterministic: the same seed gives the same rows, another seed different ones', () => {
    const again = take(200);
    expect(again).toEqual(sample.slice(0, 200));
    const other = take(200, 43);
    expect(other.map((c) => c.input.fullName)).not.toEqual(again.map((c) => c.input.fullName));
  });

  it('gives mobiles that normalise as mobile and landlines with the city area code', () => {
    const cityOf = new Map(CITIES.map((c) => [c.name, c]));
    let landlines = 0;
    for (const c of sample) {
      for (const p of c.input.phones ?? []) {
        const n = normalisePhone(p.number);
        expect(n, p.number).not.toBeNull();
        expect(n!.kind).toBe(p.label === 'mobile' ? 'mobile' : 'landline');
        if (p.label !== 'mobile' && c.input.address?.city) {
          landlines++;
          expect(n!.e164.startsWith(`+62${cityOf.get(c.input.address.city)!.areaCode.slice(1)}`)).toBe(true);
        }
      }
    }
    expect(landlines).toBeGreaterThan(300);
  });

  it('never repeats a phone number, e-mail address or NIK', () => {
    const phones = sample.flatMap((c) => (c.input.phones ?? []).map((p) => normalisePhone(p.number)!.e164));
    const emails = sample.flatMap((c) => (c.input.emails ?? []).map((e) => e.address));
    const niks = sample.flatMap((c) => (c.input.nik ? [c.input.nik] : []));
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(niks).size).toBe(niks.length);
  });

  it('writes NIKs with the city region code and DDMMYY birth date, 40 added to the day for women', () => {
    const cityOf = new Map(CITIES.map((c) => [c.name, c]));
    const withNik = sample.filter((c) => c.input.nik && c.input.address?.city);
    expect(withNik.length).toBeGreaterThan(3000);
    for (const { input } of withNik) {
      const nik = input.nik!;
      expect(nik.slice(0, 4)).toBe(cityOf.get(input.address!.city!)!.regionCode);
      const [y, m, d] = input.birthDate!.split('-');
      const day = Number(d) + (input.gender === 'female' ? 40 : 0);
      expect(nik.slice(6, 12)).toBe(`${String(day).padStart(2, '0')}${m}${y.slice(2)}`);
    }
  });

  it('registers adults of 17 to 80, most between 25 and 55', () => {
    const ages = sample.flatMap((c) => (c.input.birthDate ? [ageOn(c.input.birthDate, NOW.slice(0, 10))!] : []));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(17);
    expect(Math.max(...ages)).toBeLessThanOrEqual(80);
    const middle = ages.filter((a) => a >= 25 && a <= 55).length / ages.length;
    expect(middle).toBeGreaterThan(0.6);
  });

  it('uses Indonesian names, single names and titles such as Hj.', () => {
    const names = sample.map((c) => c.input.fullName);
    expect(names.filter((n) => !n.includes(' ')).length / names.length).toBeGreaterThan(0.02);
    expect(names.some((n) => n.startsWith('Hj. '))).toBe(true);
    expect(names.some((n) => / br\. /.test(n) || n.startsWith('I Wayan ') || n.startsWith('Andi '))).toBe(true);
    expect(new Set(names).size / names.length).toBeGreaterThan(0.5);
  });
});

describe('demo purchases', () => {
  const windowStart = Date.parse(NOW) - 3 * 365.25 * 86_400_000 - 86_400_000;

  it('makes about 70% of customers buy at most once a year', () => {
    const yearMs = 365 * 86_400_000;
    const atMostOnce = sample.filter((c) => {
      const perYear = [0, 0, 0, 0];
      for (const p of c.purchases) if (p.kind === 'sale') perYear[Math.floor((Date.parse(NOW) - Date.parse(p.occurredAt)) / yearMs)]++;
      return perYear.every((n) => n <= 1);
    }).length;
    const share = atMostOnce / sample.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
  });

  it('comes close to the requested number of transactions and never exceeds it', () => {
    const total = sample.reduce((n, c) => n + c.purchases.length, 0);
    expect(total).toBeLessThanOrEqual(50_000);
    expect(total).toBeGreaterThan(47_500);
    const few = take(2_000, 42, 2_000).reduce((n, c) => n + c.purchases.length, 0);
    expect(few).toBeGreaterThan(1_800);
    expect(few).toBeLessThanOrEqual(2_000);
  });

  it('keeps money in integer Rupiah with cost 55-85% of sales, occasional discounts and refunds', () => {
    const all = sample.flatMap((c) => c.purchases);
    const sales = all.filter((p) => p.kind === 'sale');
    const refunds = all.filter((p) => p.kind === 'refund');
    const notInteger = all.filter((p) => ![p.amount, p.cost, p.discount, p.itemCount].every((v) => Number.isSafeInteger(v) && v >= 0));
    expect(notInteger).toEqual([]);
    const offMargin = sales.filter((s) => !(s.amount > 0 && s.cost / s.amount >= 0.54 && s.cost / s.amount <= 0.86));
    expect(offMargin).toEqual([]);
    const discounted = sales.filter((s) => s.discount > 0).length / sales.length;
    expect(discounted).toBeGreaterThan(0.1);
    expect(discounted).toBeLessThan(0.3);
    expect(refunds.length / sales.length).toBeGreaterThan(0.005);
    expect(refunds.length / sales.length).toBeLessThan(0.03);
    // Log-normal: the mean sits well above the median.
    const amounts = sales.map((s) => s.amount).sort((a, b) => a - b);
    const mean = amounts.reduce((a, b) => a + b, 0) / amounts.length;
    expect(mean).toBeGreaterThan(amounts[amounts.length >> 1] * 1.1);
  });

  it('places purchases in the last three years, in shop hours of the branch zone, stored as UTC', () => {
    const wita = [...demoCustomers({ customers: 2_000, seed: 5, now: NOW, timeZone: 'WITA' })];
    for (const [list, offset] of [[sample, 7], [wita, 8]] as const) {
      const outside = list.flatMap((c) => c.purchases).filter((p) => {
        const t = Date.parse(p.occurredAt);
        const localHour = new Date(t + offset * 3_600_000).getUTCHours();
        const utcIso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(p.occurredAt);
        return !(utcIso && t > windowStart && t < Date.parse(NOW) && localHour >= 8 && localHour < 21);
      });
      expect(outside).toEqual([]);
    }
  });

  it('derives the lifecycle stage from the purchases', () => {
    for (const c of sample) {
      const sales = c.purchases.filter((p) => p.kind === 'sale');
      if (sales.length === 0) continue;
      const sinceLastDays = (Date.parse(NOW) - Date.parse(sales[sales.length - 1].occurredAt)) / 86_400_000;
      if (c.input.lifecycleStage === 'lapsed') expect(sinceLastDays).toBeGreaterThan(364);
      if (c.input.lifecycleStage === 'active') expect(sinceLastDays).toBeLessThan(182);
    }
    expect(sample.filter((c) => c.input.lifecycleStage === 'prospect').every((c) => c.purchases.length === 0)).toBe(true);
  });

  it('hands out batches of the requested size without holding more', () => {
    const generator = new DemoGenerator({ customers: 2_500, seed: 42, now: NOW });
    const sizes = [...generator.batches(1_000)].map((b) => b.length);
    expect(sizes).toEqual([1_000, 1_000, 500]);
  });
});
