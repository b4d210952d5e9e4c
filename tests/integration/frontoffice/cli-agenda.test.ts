import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayIn } from '../../../src/shared/domain/dates.js';
import { addDays } from '../../../src/shared/domain/agenda.js';

const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-agenda-'));
const simpul = (...args: string[]) => spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = simpul('--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const today = todayIn('WITA');

beforeAll(() => {
  json('init', '--branch-name', 'Cabang Makassar', '--branch-code', 'MKS01', '--time-zone', 'WITA', '--manager', 'andi', '--manager-name', 'Andi', '--manager-password', 'rahasia123');
  json('user', 'add', '--username', 'rina', '--name', 'Rina', '--role', 'front_office', '--password', 'rahasia123');
  json('customer', 'add', '--name', 'Rudi Hartono', '--phone', '0812-7777-8888');
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul agenda and simpul plan (T2)', () => {
  it('plans a weekly contact for a staff member, shows it on their agenda and captures the outcome', () => {
    const plan = json('plan', 'add', '--customer', 'MKS01-000001', '--date', today, '--time', '10:00', '--channel', 'phone', '--purpose', 'service', '--staff', 'rina', '--reason', 'Cek kepuasan servis', '--unit', 'week');
    expect(plan).toMatchObject({ staffName: 'Rina', dueDate: today, recurrence: { unit: 'week', every: 1, until: null } });
    const agenda = json('--as', 'rina', 'agenda', '--no-reminders');
    expect(agenda).toMatchObject({ today, timeZone: 'WITA' });
    expect(agenda.items.map((i: any) => [i.customerNumber, i.dueTime, i.reason])).toEqual([['MKS01-000001', '10:00', 'Cek kepuasan servis']]);
    expect(json('agenda', '--staff', 'andi', '--no-reminders').items).toEqual([]);
    const done = json('--as', 'rina', 'agenda', 'done', agenda.items[0].key, '--outcome', 'reached', '--notes', 'Puas dengan servis');
    expect(done.next).toEqual({ key: `p:${plan.id}:1`, dueDate: addDays(today, 7) });
    expect(json('--as', 'rina', 'agenda', '--week', '--no-reminders').items).toEqual([]);
    expect(json('agenda', '--date', addDays(today, 7), '--no-reminders').items.map((i: any) => i.key)).toEqual([`p:${plan.id}:1`]);
    expect(json('plan', 'list', 'MKS01-000001')[0]).toMatchObject({ occurrence: 1, dueDate: addDays(today, 7) });
  }, 240_000);

  it('refuses a bad plan with exit 1 and a reason, and bad arguments with exit 2', () => {
    const r = simpul('--json', 'plan', 'add', '--customer', 'MKS01-000001', '--date', '2026-02-30', '--channel', 'phone', '--purpose', 'service', '--staff', 'rina');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.fields).toEqual([expect.objectContaining({ path: ['dueDate'], code: 'invalid_date' })]);
    expect(r.stderr).toContain('Tanggal tidak valid');
    expect(simpul('plan', 'add', '--customer', 'MKS01-000001', '--date', today, '--channel', 'phone', '--purpose', 'service').status).toBe(2);
    expect(simpul('agenda', 'skip', 'p:x:0', '--reason', 'tidak ada').status).toBe(1);
    expect(json('plan', 'list', 'MKS01-000001')).toHaveLength(1);
  }, 240_000);

  it('shows and changes the reminder rules', () => {
    expect(json('reminders', 'show').birthday).toEqual({ enabled: true, daysAhead: 3 });
    expect(json('reminders', 'set', 'birthday', '--days', '5').birthday).toEqual({ enabled: true, daysAhead: 5 });
    const bad = simpul('--json', 'reminders', 'set', 'birthday', '--days', '400');
    expect(bad.status).toBe(1);
    expect(json('--as', 'rina', 'reminders', 'show').birthday.daysAhead).toBe(5);
    expect(simpul('--as', 'rina', 'reminders', 'set', 'birthday', '--days', '1').status).toBe(1);
  }, 240_000);
});
