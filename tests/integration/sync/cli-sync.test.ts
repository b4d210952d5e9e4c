import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addBranch } from '../../../src/headoffice/branches/registry.js';
import { issueEnrolmentToken } from '../../../src/headoffice/enrolment/tokens.js';
import { startHeadOffice, type TestHeadOffice } from '../../support/sync.js';

// The CLI runs in child processes; spawnSync would block the event loop that serves the head office.
function simpul(dir: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
async function json(dir: string, ...args: string[]) {
  const r = await simpul(dir, '--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('sync from the command line', () => {
  let ho: TestHeadOffice;
  const a = mkdtempSync(join(tmpdir(), 'simpul-cli-a-'));
  const b = mkdtempSync(join(tmpdir(), 'simpul-cli-b-'));

  beforeAll(async () => {
    ho = await startHeadOffice('pglite');
    for (const [dir, code] of [[a, 'SMG01'], [b, 'SOC01']]) {
      spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, 'init', '--branch-name', code, '--branch-code', code, '--manager', 'mgr', '--manager-name', 'Mgr', '--manager-password', 'rahasia123']);
      await addBranch(ho.database.db, { code, name: `Cabang ${code}`, timeZone: 'WIB' });
    }
  }, 60_000);
  afterAll(async () => {
    await ho?.close();
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('enrols with a token, syncs, fetches a customer of another branch and lists conflicts, all as JSON', async () => {
    for (const [dir, code] of [[a, 'SMG01'], [b, 'SOC01']]) {
      const { findBranchByCode } = await import('../../../src/headoffice/branches/registry.js');
      const { token } = await issueEnrolmentToken(ho.database.db, (await findBranchByCode(ho.database.db, code)).id, {});
      expect(await json(dir, 'sync', 'enrol', '--url', ho.url, '--token', token)).toMatchObject({ branchCode: code });
    }
    await json(a, 'customer', 'add', '--name', 'Wulan Sari', '--phone', '0813 1111 2222');
    const report = await json(a, 'sync', 'now');
    expect(report.pushed).toBe(2);
    const fetched = await json(b, 'customer', 'fetch', '0813-1111-2222');
    expect(fetched.fullName).toBe('Wulan Sari');
    expect(await json(b, 'conflicts', 'list')).toEqual([]);
    const status = await json(b, 'sync', 'status');
    expect(status).toMatchObject({ enrolled: true, pending: 0 });
  });

  it('refuses a used token with a clear message and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-c-'));
    try {
      spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, 'init', '--branch-name', 'X', '--branch-code', 'SMG01', '--manager', 'mgr', '--manager-name', 'Mgr', '--manager-password', 'rahasia123']);
      const r = await simpul(dir, 'sync', 'enrol', '--url', ho.url, '--token', 'x'.repeat(43));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('ENROLMENT_TOKEN_INVALID');
      expect((await simpul(dir, 'sync', 'enrol', '--url', 'not a url', '--token', 'x'.repeat(43))).status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
