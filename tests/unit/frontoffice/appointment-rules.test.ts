import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_STATUSES,
  HOLDS_TECHNICIAN,
  QC_STATUSES,
  STATUS_MOVES,
  appointmentBookSchema,
  canMove,
  qcReportInputSchema,
  qcResultOf,
  type AppointmentStatus,
} from '../../../src/shared/domain/appointment.js';
import { dayBoundsUtc, localDateTime, zonedInstant } from '../../../src/shared/domain/dates.js';

describe('appointment status rules (S4)', () => {
  it('done, cancelled and no-show are final; every other status can still be cancelled or finished', () => {
    for (const s of ['done', 'cancelled', 'no_show'] as const) expect(STATUS_MOVES[s]).toEqual([]);
    // Every status is reachable from booked, and from every non-final status a path leads to done or cancelled.
    const reachable = new Set<AppointmentStatus>(['booked']);
    for (let i = 0; i < APPOINTMENT_STATUSES.length; i++) for (const s of [...reachable]) for (const n of STATUS_MOVES[s]) reachable.add(n);
    expect([...reachable].sort()).toEqual([...APPOINTMENT_STATUSES].sort());
    for (const s of APPOINTMENT_STATUSES) {
      const seen = new Set<AppointmentStatus>([s]);
      for (let i = 0; i < APPOINTMENT_STATUSES.length; i++) for (const x of [...seen]) for (const n of STATUS_MOVES[x]) seen.add(n);
      if (STATUS_MOVES[s].length > 0) expect(seen.has('done') || seen.has('cancelled'), s).toBe(true);
    }
  });

  it('never moves to the same status, never back to booked, never skips check-in', () => {
    for (const s of APPOINTMENT_STATUSES) {
      expect(canMove(s, s)).toBe(false);
      expect(canMove(s, 'booked')).toBe(false);
    }
    expect(canMove('booked', 'in_progress')).toBe(false);
    expect(canMove('booked', 'done')).toBe(false);
    expect(canMove('checked_in', 'ready')).toBe(false);
    expect(canMove('ready', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'waiting_parts')).toBe(true);
    expect(canMove('waiting_parts', 'ready')).toBe(false);
    // A ready job is finished work: it can no longer be called off, only handed over or sent back.
    expect(canMove('ready', 'cancelled')).toBe(false);
  });

  it('a technician is held while the work is booked or going on, freed when it is finished or called off', () => {
    expect([...HOLDS_TECHNICIAN].sort()).toEqual(['booked', 'checked_in', 'in_progress', 'waiting_parts']);
    expect(QC_STATUSES).toEqual(['in_progress', 'ready']);
  });
});

describe('quality-control report rules (S4)', () => {
  const items = [{ label: 'Rem', passed: true }, { label: 'Lampu', passed: false, note: 'Lampu sein kiri mati' }];
  const codes = (input: unknown) => {
    const r = qcReportInputSchema.safeParse(input);
    return r.success ? 'ok' : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
  };

  it('is a pass exactly when every line passed, unless the inspector says fail', () => {
    expect(qcResultOf({ items: [{ label: 'a', passed: true, note: null }] })).toBe('pass');
    expect(qcResultOf({ items: items.map((i) => ({ ...i, note: i.note ?? null })) })).toBe('fail');
    expect(qcResultOf({ items: [{ label: 'a', passed: true, note: null }], result: 'fail' })).toBe('fail');
  });

  it('refuses a pass over a failed line, a fail without a reason, a failed line without a note, an empty checklist', () => {
    expect(codes({ appointmentId: 'a', items, result: 'pass' })).toEqual(['result:qc_pass_with_failures']);
    expect(codes({ appointmentId: 'a', items: [items[0]], result: 'fail' })).toEqual(['notes:qc_fail_reason']);
    expect(codes({ appointmentId: 'a', items: [items[0]], result: 'fail', notes: 'Bunyi kasar saat uji jalan' })).toBe('ok');
    expect(codes({ appointmentId: 'a', items: [{ label: 'Rem', passed: false, note: '  ' }] })).toEqual(['items.0.note:qc_failed_item_note']);
    expect(codes({ appointmentId: 'a', items: [] })).toEqual(['items:qc_no_items']);
    expect(codes({ appointmentId: 'a', items: Array.from({ length: 26 }, (_, i) => ({ label: `Butir ${i}`, passed: true })) })).toEqual(['items:too_many']);
  });

  it('a booking needs a time with its zone, not a bare local time', () => {
    const base = { customerId: 'c', serviceItemId: 's', technicianId: 't' };
    expect(appointmentBookSchema.safeParse({ ...base, startsAt: '2026-12-03T09:00:00+07:00' }).success).toBe(true);
    expect(appointmentBookSchema.safeParse({ ...base, startsAt: '2026-12-03T09:00:00' }).success).toBe(false);
    expect(appointmentBookSchema.safeParse({ ...base, startsAt: '2026-12-03T09:00:00+07:00', extra: 1 }).success).toBe(false);
  });
});

describe('branch-zone days and times', () => {
  it('a day in WIB, WITA and WIT starts at local midnight', () => {
    expect(dayBoundsUtc('2026-12-03', 'WIB')).toEqual({ start: '2026-12-02T17:00:00.000Z', end: '2026-12-03T17:00:00.000Z' });
    expect(dayBoundsUtc('2026-12-03', 'WITA').start).toBe('2026-12-02T16:00:00.000Z');
    expect(dayBoundsUtc('2026-12-03', 'WIT').start).toBe('2026-12-02T15:00:00.000Z');
  });

  it('reads an instant as the local day and time, and back', () => {
    expect(localDateTime('2026-12-02T17:30:00.000Z', 'WIB')).toEqual(['2026-12-03', '00:30']);
    expect(localDateTime('2026-12-02T17:30:00.000Z', 'WIT')).toEqual(['2026-12-03', '02:30']);
    expect(new Date(zonedInstant('2026-12-03', '00:30', 'WIB')).toISOString()).toBe('2026-12-02T17:30:00.000Z');
  });
});
