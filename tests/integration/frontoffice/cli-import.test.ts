import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../../src/branch/core.js';

/** `simpul import`, `import report`, `import undo` and `export` with JSON output, as a migration script runs them. */
const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-import-'));
const simpul = (...args: string[]) => spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, '--json', ...args], { encoding: 'utf8' });

beforeAll(async () => {
  // Set up in-process: one child process fewer.
  const core = openBranchCore({ dataDir: dir, log: () => {} });
  const r = await core.call(null, 'setup.initialise', { branchName: 'Cabang Medan', branchCode: 'MDN01', timeZone: 'WIB', manager: { username: 'andi', displayName: 'Andi', password: 'rahasia123' } });
  core.close();
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  writeFileSync(join(dir, 'pelanggan.csv'), 'Nama;HP;Kota;Lahir\nRudi Hartono;0812-7777-8888;Medan;14/03/1980\nSari;08;Binjai;01/01/1990\nTono Sumarno;0813-1111-2222;Medan;31/02/1975\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul import and export', () => {
  it('refuses the whole file with exit code 1 and the row-by-row report in JSON, then imports the valid rows, reports, undoes and exports', () => {
    const refused = simpul('import', join(dir, 'pelanggan.csv'), '--kind', 'customers', '--map', 'Nama=fullName', '--map', 'HP=phone', '--map', '3=city', '--map', '#4=birthDate', '--date-format', 'DD/MM/YYYY', '--on-error', 'refuse');
    expect(refused.status).toBe(1);
    const refusal = JSON.parse(refused.stdout);
    expect(refusal.batch).toMatchObject({ status: 'refused', totalRows: 3, invalidRows: 2, created: 0 });
    expect(refusal.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([[3, 'HP', 'invalid_phone'], [4, 'Lahir', 'invalid_date']]);
    expect(refused.stderr).toMatch(/IMPORT_REFUSED/);

    const done = simpul('import', join(dir, 'pelanggan.csv'), '--kind', 'customers', '--map', 'Nama=fullName', '--map', 'HP=phone', '--map', '3=city', '--map', '#4=birthDate', '--date-format', 'DD/MM/YYYY');
    expect(done.status, done.stderr).toBe(0);
    const result = JSON.parse(done.stdout);
    expect(result.batch).toMatchObject({ status: 'done', created: 1, invalidRows: 2 });

    const report = JSON.parse(simpul('import', 'report', result.batch.id).stdout);
    expect(report.issueCount).toBe(2);
    expect(report.issues[0].message).toMatch(/Nomor telepon tidak valid/);

    const out = join(dir, 'pelanggan-ekspor.csv');
    const exported = simpul('export', 'customers', '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ rows: 1, format: 'csv' });
    expect(readFileSync(out, 'utf8')).toContain('Rudi Hartono');

    const undone = simpul('import', 'undo', result.batch.id);
    expect(undone.status, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ status: 'undone', undo: { removed: 1 } });
    const again = simpul('import', 'undo', result.batch.id);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('ALREADY_UNDONE');
  }, 90_000);

  it('rejects a mapping to a column the file does not have, with exit code 2 and nothing written', () => {
    const r = simpul('import', join(dir, 'pelanggan.csv'), '--kind', 'customers', '--map', 'Telepon=phone');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no column "Telepon" \(columns: Nama, HP, Kota, Lahir\)/);
    const core = openBranchCore({ dataDir: dir, log: () => {} });
    try {
      expect(core.services.imports.list(10).map((b) => b.status)).toEqual(['undone', 'refused']);
    } finally {
      core.close();
    }
  }, 30_000);
});
