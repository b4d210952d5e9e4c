import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `simpul case open|list|show|assign|status|rate|settings` with JSON output, as scripts use them. */
const dir = mkdtempSync(join(tmpdir(), 'simpul-case-cli-'));
const simpul = (...args: string[]) => spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = simpul('--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

beforeAll(() => {
  json('init', '--branch-name', 'Cabang Medan', '--branch-code', 'MDN01', '--time-zone', 'WIB', '--manager', 'andi', '--manager-name', 'Andi', '--manager-password', 'rahasia123');
  json('user', 'add', '--username', 'rina', '--name', 'Rina Sari', '--role', 'front_office', '--password', 'rahasia123');
  json('customer', 'add', '--name', 'Rudi Hartono', '--phone', '0812-7777-8888');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul case', () => {
  it('opens a case routed by the rules, assigns it, moves it through the workflow and shows its history', () => {
    const opened = json('case', 'open', '--customer', 'MDN01-000001', '--channel', 'phone', '--category', 'delivery', '--priority', 'high', '--subject', 'Paket belum sampai');
    expect(opened).toMatchObject({ caseNumber: 'MDN01-K000001', department: 'shipment', status: 'open', customerName: 'Rudi Hartono' });
    expect(json('case', 'assign', 'MDN01-K000001', '--to', 'rina')).toMatchObject({ status: 'assigned', assigneeName: 'Rina Sari' });
    expect(json('case', 'status', 'MDN01-K000001', 'in_progress').status).toBe('in_progress');
    expect(json('case', 'status', 'MDN01-K000001', 'resolved', '--resolution', 'Dikirim ulang dengan kurir lain').resolution).toBe('Dikirim ulang dengan kurir lain');
    expect(json('case', 'rate', 'MDN01-K000001', '5').satisfaction).toBe(5);
    const shown = json('case', 'show', 'mdn01-k000001');
    expect(shown.events.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'routed', 'assigned', 'status', 'status', 'status', 'resolution', 'satisfaction']);
    const human = simpul('case', 'show', 'MDN01-K000001');
    expect(human.stdout).toContain('Paket belum sampai');
    expect(human.stdout).toContain('selesai');
  });

  it('lists by status, department and assignee', () => {
    json('case', 'open', '--customer', 'MDN01-000001', '--channel', 'visit', '--category', 'product_defect', '--subject', 'Retak', '--assign', 'rina');
    expect(json('case', 'list').items.map((c: { subject: string }) => c.subject)).toEqual(['Retak']);
    expect(json('case', 'list', '--status', 'all', '--department', 'shipment').items.map((c: { subject: string }) => c.subject)).toEqual(['Paket belum sampai']);
    expect(json('case', 'list', '--status', 'all', '--assignee', 'rina').total).toBe(2);
    expect(json('case', 'list', '--overdue').total).toBe(0);
  });

  it('refuses an illegal step with exit 1 and a clear message, bad arguments with exit 2, and changes nothing', () => {
    const r = simpul('--json', 'case', 'status', 'MDN01-K000002', 'closed');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('CASE_TRANSITION');
    expect(r.stderr).toContain('tidak bisa dipindah');
    expect(json('case', 'show', 'MDN01-K000002').status).toBe('assigned');
    expect(simpul('case', 'rate', 'MDN01-K000001', 'tujuh').status).toBe(2);
    expect(simpul('case', 'open', '--customer', 'MDN01-000001', '--channel', 'pigeon', '--category', 'x', '--subject', 'y').status).toBe(2);
    expect(simpul('case', 'assign', 'MDN01-K000002', '--to', 'nobody').status).toBe(2);
  });

  it('shows and replaces the routing rules', () => {
    const settings = json('case', 'settings');
    expect(settings.defaultDepartment).toBe('service');
    const file = join(dir, 'aturan.json');
    writeFileSync(file, JSON.stringify({ ...settings, categories: [{ code: 'warranty', label: 'Garansi', department: 'quality_control' }] }));
    expect(json('case', 'settings', '--set', `@${file}`).categories.map((c: { code: string }) => c.code)).toEqual(['warranty']);
    expect(json('case', 'open', '--customer', 'MDN01-000001', '--channel', 'email', '--category', 'warranty', '--subject', 'Klaim').department).toBe('quality_control');
    const bad = simpul('--json', 'case', 'settings', '--set', '{"categories":[]}');
    expect(bad.status).toBe(1);
    expect(json('case', 'settings').categories.map((c: { code: string }) => c.code)).toEqual(['warranty']);
  });
});
