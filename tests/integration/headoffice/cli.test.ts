import { spawn } from 'node:child_process';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, DRIVERS, type TestStore } from './support.js';

// The real launcher, run from another directory than the repository: it must not depend on the cwd.
const BIN = fileURLToPath(new URL('../../../bin/simpul-headoffice.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, SIMPUL_DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(DRIVERS)('head-office CLI on %s', (driver) => {
  let store: TestStore;
  // On PostgreSQL the data directory still holds the admin-token file.
  const storageArgs = () => ['--data-dir', store.dataDir, ...(driver === 'postgresql' ? ['--database-url', store.databaseUrl!] : [])];

  beforeAll(async () => {
    store = await createStore(driver);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('branch add --json prints the new branch, and a second add of the code fails with DUPLICATE', async () => {
    const added = await runCli(['branch', 'add', '--code', 'jkt01', '--name', 'Jakarta Pusat', '--time-zone', 'wita', '--json', ...storageArgs()], store.dataDir);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, value: { code: 'JKT01', name: 'Jakarta Pusat', timeZone: 'WITA', status: 'active' } });

    const again = await runCli(['branch', 'add', '--code', 'JKT01', '--name', 'Lagi', '--json', ...storageArgs()], store.dataDir);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
    expect(again.stderr).toContain('DUPLICATE');
  });

  // The other argument errors are covered in process by tests/unit/headoffice/cli.test.ts.
  it('a bad argument: a message on stderr, exit code 2, nothing created', async () => {
    const untouched = join(store.dataDir, 'untouched');
    const target = ['--data-dir', untouched, ...(driver === 'postgresql' ? ['--database-url', store.databaseUrl!] : [])];
    const badCode = await runCli(['branch', 'add', '--code', 'JKT 01', '--name', 'x', '--json', ...target], store.dataDir);
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toContain('Branch code is 2-8 capital letters or digits');
    expect(JSON.parse(badCode.stdout).error.code).toBe('VALIDATION_FAILED');
    expect(existsSync(untouched)).toBe(false);
  });

  it('serve: health, a one-time admin key in a 0600 file, the registry over HTTP, clean stop on SIGTERM', async () => {
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json', ...storageArgs()], {
      cwd: store.dataDir,
      env: { ...process.env, SIMPUL_DATABASE_URL: '', SIMPUL_LOG_LEVEL: 'warn' },
    });
    try {
      const started = JSON.parse(await firstLine(server.stdout)) as { value: { url: string; consoleUrl: string; database: string; adminToken: string; adminTokenFile: string } };
      expect(started.value.database).toBe(driver);
      expect(started.value.consoleUrl).toBe(`${started.value.url}/console/`);
      const tokenFile = join(store.dataDir, 'admin-token');
      expect(started.value.adminTokenFile).toBe(tokenFile);
      expect(readFileSync(tokenFile, 'utf8').trim()).toBe(started.value.adminToken);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);

      const health = await fetch(`${started.value.url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: driver });
      const listed = await fetch(`${started.value.url}/admin/branches`, { headers: { authorization: `Bearer ${started.value.adminToken}` } });
      expect((await listed.json()).value.map((b: { code: string }) => b.code)).toEqual(['JKT01']);
    } finally {
      server.kill('SIGTERM');
    }
    const exitCode = await new Promise((resolve) => server.on('close', resolve));
    expect(exitCode).toBe(0);
    expect(existsSync(join(store.dataDir, 'lock'))).toBe(false);
  });
});

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end >= 0) resolve(buffered.slice(0, end));
    });
    stream.on('end', () => reject(new Error(`server exited before it started: ${buffered}`)));
  });
}
