import { describe, expect, it } from 'vitest';
import { formatRupiah, formatRupiahCompact, parseRupiah } from '../../../src/shared/domain/money.js';
import { ageOn, formatCalendarDate, formatInstant, isIsoDate, todayIn } from '../../../src/shared/domain/dates.js';

describe('Rupiah', () => {
  it('formats with id-ID grouping and no decimals', () => {
    expect(formatRupiah(1234567)).toBe('Rp1.234.567');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(-5000)).toBe('-Rp5.000');
  });
  it('compacts juta as jt and miliar as M, never M for million', () => {
    expect(formatRupiahCompact(1_200_000)).toBe('Rp1,2 jt');
    expect(formatRupiahCompact(3_400_000_000)).toBe('Rp3,4 M');
    expect(formatRupiahCompact(999_999)).toBe('Rp999.999');
  });
  it('parses what a clerk types', () => {
    expect(parseRupiah('Rp1.250.000')).toBe(1250000);
    expect(parseRupiah('1250000')).toBe(1250000);
    expect(parseRupiah('12,5')).toBeNull();
  });
});

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('22/11/2026')).toBe(false);
  });
  it('formats 22 Nov 2026 and 22/11/2026', () => {
    expect(formatCalendarDate('2026-11-22')).toBe('22 Nov 2026');
    expect(formatCalendarDate('2026-11-22', 'id', 'short')).toBe('22/11/2026');
  });
  it('shows instants in the branch zone with its abbreviation', () => {
    expect(formatInstant('2026-11-22T07:05:00Z', 'WIB')).toBe('22 Nov 2026 14.05 WIB');
    expect(formatInstant('2026-11-22T07:05:00Z', 'WITA')).toMatch(/15.05 WITA$/);
    expect(formatInstant('2026-11-22T20:00:00Z', 'WIT')).toMatch(/^23 Nov 2026 05.00 WIT$/);
  });
  it("knows today's date differs by zone near midnight", () => {
    const t = new Date('2026-11-22T16:30:00Z');
    expect(todayIn('WIB', t)).toBe('2026-11-22');
    expect(todayIn('WIT', t)).toBe('2026-11-23');
  });
  it('computes ages on birthdays correctly', () => {
    expect(ageOn('1990-11-22', '2026-11-22')).toBe(36);
    expect(ageOn('1990-11-23', '2026-11-22')).toBe(35);
  });
});
