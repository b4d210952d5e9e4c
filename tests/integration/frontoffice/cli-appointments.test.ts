import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../../src/branch/core.js';
import { todayIn } from '../../../src/shared/domain/dates.js';
import { receiveCatalogueItem } from '../../support/appointments.js';

/** `simpul appointment book|list|day|show|status|qc|reschedule` with --json, through the same dispatcher as the UI. */
const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-appt-'));
const simpul = (...args: string[]) => spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = simpul('--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

// Tomorrow in WIB, so the booking is never in the past whenever the test runs.
const tomorrow = todayIn('WIB', new Date(Date.now() + 86_400_000));
let customerNumber = '';

beforeAll(async () => {
  json('init', '--branch-name', 'Bengkel Medan', '--branch-code', 'MDN02', '--time-zone', 'WIB', '--manager', 'andi', '--manager-name', 'Andi', '--manager-password', 'rahasia123');
  json('user', 'add', '--username', 'joko', '--name', 'Joko Teknisi', '--role', 'front_office', '--password', 'rahasia123');
  json('user', 'add', '--username', 'sari', '--name', 'Sari Pemeriksa', '--role', 'back_office', '--password', 'rahasia123');
  const budi = json('customer', 'add', '--name', 'Budi Santoso', '--phone', '0812-1111-2222');
  customerNumber = budi.customerNumber;
  // The catalogue comes from the head office, and the CLI has no asset command: set both up in-process.
  const core = openBranchCore({ dataDir: dir, log: () => {} });
  try {
    receiveCatalogueItem(core, { sku: 'SRV-10K', name: 'Servis berkala 10.000 km', kind: 'service', unitPrice: 350_000, durationMinutes: 120 });
    const r = await core.dispatch({ ...core.systemActor }, 'assets.save', { customerId: budi.id, kind: 'vehicle', label: 'Toyota Avanza', identifier: 'B 1234 CD', dueKind: 'service', dueDate: '2026-01-01' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  } finally {
    core.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul appointment', () => {
  let id = '';

  it('books by customer number, service code, plate and username, at a local time; refuses a double booking with exit 1', () => {
    const d = json('appointment', 'book', '--customer', customerNumber, '--service', 'srv-10k', '--asset', 'b1234cd', '--technician', 'joko', '--at', `${tomorrow} 09:00`, '--notes', 'Rem bunyi');
    id = d.appointment.id;
    expect(d.appointment).toMatchObject({ serviceSku: 'SRV-10K', assetIdentifier: 'B 1234 CD', technicianName: 'Joko Teknisi', status: 'booked', durationMinutes: 120 });
    expect(d.appointment.startsAt).toBe(new Date(`${tomorrow}T09:00:00+07:00`).toISOString());

    const busy = simpul('--json', 'appointment', 'book', '--customer', customerNumber, '--service', 'SRV-10K', '--technician', 'joko', '--at', `${tomorrow} 10:00`);
    expect(busy.status).toBe(1);
    expect(JSON.parse(busy.stdout).error.code).toBe('TECHNICIAN_BUSY');
    expect(busy.stderr).toContain('Teknisi ini sudah punya janji temu lain');
    const badTime = simpul('appointment', 'book', '--customer', customerNumber, '--service', 'SRV-10K', '--technician', 'joko', '--at', 'besok pagi');
    expect(badTime.status).toBe(2);
    expect(json('appointment', 'list', '--date', tomorrow).appointments.map((a: any) => a.id)).toEqual([id]);
  });

  it('moves the status, refuses an illegal move, and files QC reports: a failed one blocks handover', () => {
    const illegal = simpul('--json', 'appointment', 'status', id, 'done');
    expect([illegal.status, JSON.parse(illegal.stdout).error.code]).toEqual([1, 'STATUS_NOT_ALLOWED']);
    expect(json('appointment', 'status', id, 'checked_in').appointment.status).toBe('checked_in');
    expect(json('appointment', 'status', id, 'in_progress', '--note', 'Mobil naik lift').appointment.status).toBe('in_progress');
    const failed = json('appointment', 'qc', id, '--item', 'Rem depan=fail:Kampas tipis', '--item', 'Lampu=pass', '--inspector', 'sari');
    expect([failed.report.result, failed.report.items[0]]).toEqual(['fail', { label: 'Rem depan', passed: false, note: 'Kampas tipis' }]);
    const blocked = simpul('--json', 'appointment', 'status', id, 'ready');
    expect(JSON.parse(blocked.stdout).error.code).toBe('QC_NOT_PASSED');
    expect(json('appointment', 'qc', id, '--item', 'Rem depan=lulus', '--item', 'Lampu=pass', '--inspector', 'sari').report.result).toBe('pass');
    expect(json('appointment', 'status', id, 'ready').appointment.status).toBe('ready');
  });

  it("done moves the asset's due date; show, day and list print what the clerk tells the customer", () => {
    const done = json('appointment', 'status', id, 'done', '--next-due', '2099-06-01');
    expect(done.appointment).toMatchObject({ status: 'done', assetDueDate: '2099-06-01' });

    const text = simpul('appointment', 'show', id);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Servis berkala 10.000 km');
    expect(text.stdout).toContain('dikerjakan: Mobil naik lift');
    expect(text.stdout).toContain('QC GAGAL');
    expect(text.stdout).toContain('[x] Rem depan: Kampas tipis');
    expect(text.stdout).toContain('jatuh tempo berikutnya 2099-06-01');
    const day = simpul('appointment', 'day', tomorrow);
    expect(day.stdout).toMatch(/Joko Teknisi\n {2}09:00-11:00 {2}Budi Santoso · Servis berkala 10.000 km · B 1234 CD · selesai/);
    expect(json('appointment', 'list', '--customer', customerNumber, '--status', 'done').appointments).toHaveLength(1);
  });
});
