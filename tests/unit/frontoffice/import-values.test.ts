import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCalendarDate, parseCount, parseDecimal, parseGender, parseRate, parseStage, splitList, toRupiah, parseChannel } from '../../../src/shared/domain/import-values.js';

const rupiah = (amount: string, format: 'id' | 'en', rate: string) => toRupiah(parseDecimal(amount, format)!, parseRate(rate, format)!);

describe('reading import cells', () => {
  it('reads dates in the order the mapping names, and refuses dates that do not exist', () => {
    expect(parseCalendarDate('19970101', 'YYYYMMDD')).toBe('1997-01-01');
    expect(parseCalendarDate('14/03/1988')).toBe('1988-03-14');
    expect(parseCalendarDate('03/14/1988', 'MM/DD/YYYY')).toBe('1988-03-14');
    expect(parseCalendarDate('03/14/1988')).toBeNull(); // day-first by default: month 14 does not exist
    expect(parseCalendarDate('2024-02-29T10:15:00Z')).toBe('2024-02-29');
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('19970101', 'DD/MM/YYYY')).toBeNull();
  });

  it('reads amounts in Indonesian or English notation, never guessing per cell', () => {
    expect(parseDecimal('Rp1.250.000,50', 'id')).toEqual({ units: 125000050n, scale: 2 });
    expect(parseDecimal('1,250,000.50', 'en')).toEqual({ units: 125000050n, scale: 2 });
    expect(parseDecimal('11.77', 'id')).toBeNull();
    expect(parseDecimal('1.250.000', 'en')).toBeNull();
    expect(parseDecimal('(1.000)', 'id')).toEqual({ units: -1000n, scale: 0 });
    expect(parseDecimal('12a', 'en')).toBeNull();
  });

  it('converts to whole Rupiah exactly, rounding half away from zero', () => {
    expect(rupiah('29.33', 'en', '15000')).toBe(439_950);
    expect(rupiah('0.00', 'en', '15000')).toBe(0);
    expect(rupiah('0.005', 'en', '100')).toBe(1); // 0.5 -> 1
    expect(rupiah('-0.005', 'en', '100')).toBe(-1);
    expect(rupiah('1.250.000', 'id', '1')).toBe(1_250_000);
    expect(rupiah('10', 'id', '15.250,5')).toBe(152_505);
    expect(parseRate('0', 'en')).toBeNull();
    expect(parseRate('-3', 'en')).toBeNull();
    expect(parseRate('1.1234567', 'en')).toBeNull();
  });

  it('equals the exact product for any cents and rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 2_000_000 }), (cents, rate) => {
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const got = rupiah(amount, 'en', String(rate));
        const exact = (BigInt(cents) * BigInt(rate) * 2n + 100n) / 200n;
        expect(got).toBe(Number(exact));
      }),
      { numRuns: 500 },
    );
  });

  it('reads counts, genders, stages, channels and lists as clerks write them', () => {
    expect([parseCount('3'), parseCount('2,0'), parseCount('-1')]).toEqual([3, null, null]);
    expect(['L', 'Laki-laki', 'pria', 'P', 'Perempuan', 'F', 'X'].map(parseGender)).toEqual(['male', 'male', 'male', 'female', 'female', 'female', null]);
    expect(['Prospek', 'tidak aktif', 'at risk', 'VIP'].map(parseStage)).toEqual(['prospect', 'lapsed', 'at_risk', null]);
    expect(['WA', 'Telepon', 'kunjungan rumah', 'home_visit', 'merpati'].map(parseChannel)).toEqual(['whatsapp', 'phone', 'home_visit', 'home_visit', null]);
    expect(splitList(' VIP, arisan;; pelanggan lama ')).toEqual(['VIP', 'arisan', 'pelanggan lama']);
  });
});
