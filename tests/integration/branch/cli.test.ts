import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-'));
const simpul = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = simpul('--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

beforeAll(() => {
  json('init', '--branch-name', 'Cabang Medan', '--branch-code', 'MDN01', '--time-zone', 'WIB', '--manager', 'andi', '--manager-name', 'Andi', '--manager-password', 'rahasia123');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul CLI', () => {
  it('adds, gets, updates, searches and lists customers with JSON output', () => {
    const added = json('customer', 'add', '--name', 'Rudi Hartono', '--phone', '0812-7777-8888', '--email', 'rudi@contoh.co.id', '--city', 'Medan', '--tag', 'grosir');
    expect(added).toMatchObject({ customerNumber: 'MDN01-000001', fullName: 'Rudi Hartono', tags: ['grosir'] });
    expect(json('customer', 'get', 'MDN01-000001').id).toBe(added.id);
    expect(json('customer', 'update', added.id, '--occupation', 'Pedagang').occupation).toBe('Pedagang');
    expect(json('customer', 'search', '6281277778888').rows.map((r: any) => r.id)).toEqual([added.id]);
    const list = json('customer', 'list', '--limit', '10');
    expect(list.total).toBe(1);
  });

  it('explains a refused input, exits 1 and writes nothing', () => {
    const before = json('customer', 'list').total;
    const r = simpul('--json', 'customer', 'add', '--name', 'Salah', '--email', 'bukan-email');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('VALIDATION_FAILED');
    expect(r.stderr).toContain('Alamat email tidak valid');
    expect(json('customer', 'list').total).toBe(before);
  });

  it('rejects bad arguments with exit code 2', () => {
    expect(simpul('customer', 'list', '--limit', 'sepuluh').status).toBe(2);
    expect(simpul('customer', 'frobnicate').status).toBe(2);
    expect(simpul('customer', 'add', '--gender', 'robot').status).toBe(2);
  });

  it('backs the database up to a file that opens as a branch database', () => {
    const file = join(dir, 'cadangan.db');
    const r = json('backup', file);
    expect(r.file).toBe(file);
    expect(existsSync(file)).toBe(true);
    const count = execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});console.log(d.prepare('select count(*) n from customers').get().n)`], { encoding: 'utf8' });
    expect(Number(count)).toBeGreaterThan(0);
    expect(simpul('backup', file).status).toBe(2);
  });

  it('seeds demo data through the service layer', () => {
    const r = json('seed', '--customers', '300', '--transactions', '900', '--seed', '7');
    expect(r.customers).toBe(300);
    expect(json('customer', 'list').total).toBeGreaterThanOrEqual(300);
  });
});
