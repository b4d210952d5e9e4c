import { describe, expect, it } from 'vitest';
import { addMonths, birthdayIn, nextBirthday, occurrenceDate, parseAgendaKey, planKey, reminderKey } from '../../../src/shared/domain/agenda.js';
import { nextOccurrence } from '../../../src/branch/agenda/plans.js';
import { dayStartUtc } from '../../../src/branch/agenda/reminders.js';

describe('recurrence dates (T2)', () => {
  it('keeps a monthly plan on the 31st after short months, counting from the first date', () => {
    const dates = [0, 1, 2, 3, 4].map((k) => occurrenceDate('2027-01-31', 'month', 1, k));
    expect(dates).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    expect(occurrenceDate('2028-01-31', 'month', 1, 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('moves a yearly plan on 29 February to 28 February outside leap years, and back in leap years', () => {
    expect([0, 1, 2, 3, 4].map((k) => occurrenceDate('2028-02-29', 'year', 1, k))).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('counts days and weeks across month and year ends', () => {
    expect(occurrenceDate('2026-12-28', 'week', 1, 1)).toBe('2027-01-04');
    expect(occurrenceDate('2026-12-28', 'day', 3, 2)).toBe('2027-01-03');
    expect(occurrenceDate('2026-01-01', 'month', 3, 4)).toBe('2027-01-01');
  });

  it('the next occurrence is after today: a weekly call missed for a month comes back once, next week', () => {
    const plan = { first_date: '2026-11-02', due_date: '2026-11-02', recurrence_unit: 'week' as const, recurrence_every: 1, until_date: null, occurrence: 0 };
    expect(nextOccurrence(plan, '2026-12-03')).toEqual({ occurrence: 5, dueDate: '2026-12-07' });
    // Done on time: simply the next one.
    expect(nextOccurrence(plan, '2026-11-02')).toEqual({ occurrence: 1, dueDate: '2026-11-09' });
    // Rescheduled past its next occurrence: the one after the rescheduled date.
    expect(nextOccurrence({ ...plan, due_date: '2026-11-12' }, '2026-11-02')).toEqual({ occurrence: 2, dueDate: '2026-11-16' });
  });

  it('stops at the end date and for one-off plans', () => {
    const plan = { first_date: '2026-12-01', due_date: '2026-12-01', recurrence_unit: 'month' as const, recurrence_every: 1, until_date: '2026-12-31', occurrence: 0 };
    expect(nextOccurrence(plan, '2026-12-01')).toBeNull();
    expect(nextOccurrence({ ...plan, until_date: '2027-01-01' }, '2026-12-01')).toEqual({ occurrence: 1, dueDate: '2027-01-01' });
    expect(nextOccurrence({ ...plan, recurrence_unit: null }, '2026-12-01')).toBeNull();
  });
});

describe('birthdays and branch days', () => {
  it('celebrates 29 February on 28 February in common years', () => {
    expect(birthdayIn('1992-02-29', 2027)).toBe('2027-02-28');
    expect(birthdayIn('1992-02-29', 2028)).toBe('2028-02-29');
    expect(nextBirthday('1990-01-02', '2026-12-30')).toBe('2027-01-02');
    expect(nextBirthday('1990-12-30', '2026-12-30')).toBe('2026-12-30');
  });

  it('starts a branch day at local midnight: WIB, WITA and WIT', () => {
    expect(dayStartUtc('2026-12-03', 'WIB')).toBe('2026-12-02T17:00:00.000Z');
    expect(dayStartUtc('2026-12-03', 'WITA')).toBe('2026-12-02T16:00:00.000Z');
    expect(dayStartUtc('2026-12-03', 'WIT')).toBe('2026-12-02T15:00:00.000Z');
  });

  it('round-trips agenda keys and refuses malformed ones', () => {
    expect(parseAgendaKey(planKey('0190abcd', 12))).toEqual({ kind: 'plan', planId: '0190abcd', occurrence: 12 });
    expect(parseAgendaKey(reminderKey('asset', 'c1', 'a1:2026-12-10'))).toEqual({ kind: 'reminder', rule: 'asset', customerId: 'c1', occasion: 'a1:2026-12-10' });
    expect(parseAgendaKey('r:horoscope:c1:x')).toBeNull();
    expect(parseAgendaKey('p:x:-1')).toBeNull();
    expect(parseAgendaKey('DROP TABLE')).toBeNull();
  });
});
