import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type TestStore } from './support.js';

const BIN = fileURLToPath(new URL('../../../bin/simpul-headoffice.mjs', import.meta.url));

function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, SIMPUL_DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `simpul-headoffice catalogue ...` on PostgreSQL: the commands people and scripts use to keep the catalogue. */
describe('head-office catalogue commands', () => {
  let store: TestStore;
  const storage = () => ['--data-dir', store.dataDir, '--database-url', store.databaseUrl!];
  beforeAll(async () => {
    store = await createStore('postgresql');
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('add, update, list, retire and restore, with --json', async () => {
    const added = await run(['catalogue', 'add', '--sku', 'srv-ac', '--name', 'Servis AC mobil', '--kind', 'service', '--category', 'Servis', '--price', '450.000', '--cost', '200000', '--duration', '90', '--json', ...storage()], store.dataDir);
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout).value).toMatchObject({ sku: 'SRV-AC', unitPrice: 450_000, unitCost: 200_000, durationMinutes: 90, kind: 'service' });

    const updated = await run(['catalogue', 'update', 'SRV-AC', '--price', '475000', '--no-duration', '--json', ...storage()], store.dataDir);
    expect(JSON.parse(updated.stdout).value).toMatchObject({ unitPrice: 475_000, durationMinutes: null });

    const text = await run(['catalogue', 'list', ...storage()], store.dataDir);
    expect(text.stdout).toMatch(/SRV-AC\s+Servis AC mobil\s+service\s+Servis\s+Rp475\.000/);

    const retired = await run(['catalogue', 'retire', 'srv-ac', '--json', ...storage()], store.dataDir);
    expect(JSON.parse(retired.stdout).value.retiredAt).not.toBeNull();
    const active = await run(['catalogue', 'list', '--json', ...storage()], store.dataDir);
    expect(JSON.parse(active.stdout).value.total).toBe(0);
    const all = await run(['catalogue', 'list', '--status', 'all', '--json', ...storage()], store.dataDir);
    expect(JSON.parse(all.stdout).value.items).toHaveLength(1);
    const restored = await run(['catalogue', 'restore', 'srv-ac', '--json', ...storage()], store.dataDir);
    expect(JSON.parse(restored.stdout).value.retiredAt).toBeNull();
  });

  it('bad input: exit 2 and a message per field, nothing added; a taken SKU: exit 1 DUPLICATE', async () => {
    const bad = await run(['catalogue', 'add', '--sku', 'ban 1', '--name', 'Ban', '--kind', 'product', '--category', 'Ban', '--price', '100000', '--duration', '10', '--json', ...storage()], store.dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sku/);
    expect(bad.stderr).toMatch(/Only a service has a duration/);
    const taken = await run(['catalogue', 'add', '--sku', 'SRV-AC', '--name', 'Lagi', '--kind', 'service', '--category', 'Servis', '--price', '1', '--json', ...storage()], store.dataDir);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stdout).error.code).toBe('DUPLICATE');
    const list = await run(['catalogue', 'list', '--status', 'all', '--json', ...storage()], store.dataDir);
    expect(JSON.parse(list.stdout).value.total).toBe(1);
  });
});
