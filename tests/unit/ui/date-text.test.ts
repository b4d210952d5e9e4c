import { describe, expect, it } from 'vitest';
import { parseTypedDate, parseTypedTime, shiftDate, showDate, showTime, withAutoSlashes } from '../../../src/ui/design/dateText.js';

describe('typed dates (DateInput)', () => {
  it('reads day-first dates in the ways clerks write them, and ISO dates', () => {
    expect(parseTypedDate('22/11/2026')).toBe('2026-11-22');
    expect(parseTypedDate('2/1/2026')).toBe('2026-01-02');
    expect(parseTypedDate('22-11-2026')).toBe('2026-11-22');
    expect(parseTypedDate('22.11.2026')).toBe('2026-11-22');
    expect(parseTypedDate(' 22 11 2026 ')).toBe('2026-11-22');
    expect(parseTypedDate('22112026')).toBe('2026-11-22');
    expect(parseTypedDate('2026-11-22')).toBe('2026-11-22');
    expect(parseTypedDate('')).toBe('');
  });

  it('refuses what is not a real calendar date instead of guessing', () => {
    expect(parseTypedDate('31/02/2026')).toBeNull();
    expect(parseTypedDate('11/22/2026')).toBeNull(); // month-first is not read as 22 November
    expect(parseTypedDate('22/11/26')).toBeNull();
    expect(parseTypedDate('22/11')).toBeNull();
    expect(parseTypedDate('besok')).toBeNull();
  });

  it('shows a date day first and leaves half-typed text alone', () => {
    expect(showDate('2026-03-05')).toBe('05/03/2026');
    expect(showDate('')).toBe('');
    expect(showDate('05/0')).toBe('05/0');
  });

  it('puts in the slashes while digits are typed, not while deleting', () => {
    let text = '';
    for (const ch of '22112026') text = withAutoSlashes(text, text + ch);
    expect(text).toBe('22/11/2026');
    expect(withAutoSlashes('22/', '22')).toBe('22');
    expect(withAutoSlashes('22/', '22//')).toBe('22/');
    expect(withAutoSlashes('1/1', '1/12')).toBe('1/12/');
  });

  it('moves a date across month and year ends', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('typed times (TimeInput)', () => {
  it('reads 9, 930, 0930, 9.30 and 9:30 as a 24-hour time', () => {
    expect(parseTypedTime('9')).toBe('09:00');
    expect(parseTypedTime('930')).toBe('09:30');
    expect(parseTypedTime('0930')).toBe('09:30');
    expect(parseTypedTime('9.30')).toBe('09:30');
    expect(parseTypedTime('21:05')).toBe('21:05');
    expect(parseTypedTime('')).toBe('');
  });

  it('refuses hours and minutes that do not exist', () => {
    expect(parseTypedTime('24.00')).toBeNull();
    expect(parseTypedTime('9.75')).toBeNull();
    expect(parseTypedTime('9 pagi')).toBeNull();
  });

  it('writes the time the way each language does', () => {
    expect(showTime('09:30', 'id')).toBe('09.30');
    expect(showTime('09:30', 'en')).toBe('09:30');
    expect(showTime('9.7', 'id')).toBe('9.7');
  });
});
