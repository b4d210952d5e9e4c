import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreClient, type CoreProcess } from '../../../electron/core-client.js';
import { registerIpc, type IpcDeps, type IpcRelay } from '../../../electron/ipc.js';
import { createFakeElectron } from '../../fakes/electron.js';
import { resolveMapping } from '../../../src/branch/imports/mapping.js';

/**
 * src/branch/host/process-entry.ts in a real worker thread: first bundled
 * with tests/fakes/fake-core.ts in place of src/branch/core.ts (so the
 * protocol's failure paths can be forced), then the real bundle from
 * scripts/build-node.mjs against the real core and an encrypted database.
 */

const root = path.resolve(__dirname, '../../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'simpul-core-host-'));
// Inside the repo so the bundle's require('better-sqlite3') finds node_modules.
const realBuildDir = path.join(root, 'node_modules', '.cache', `simpul-electron-test-${process.pid}`);
let fakeEntry: string;

beforeAll(async () => {
  fakeEntry = path.join(scratch, 'core-with-fake.cjs');
  await build({
    entryPoints: [path.join(root, 'src/branch/host/process-entry.ts')],
    outfile: fakeEntry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    plugins: [
      {
        name: 'fake-core',
        setup(b) {
          b.onResolve({ filter: /^\.\.\/core\.js$/ }, () => ({ path: path.join(root, 'tests/fakes/fake-core.ts') }));
        },
      },
    ],
  });
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(realBuildDir, { recursive: true, force: true });
});

/** A worker speaking the raw protocol, with helpers to wait for messages. */
function startWorker(entry: string) {
  // The core logs handler failures to stderr on purpose; keep them out of the test output.
  const worker = new Worker(entry, { stderr: true });
  worker.stderr.resume();
  const inbox: any[] = [];
  const waiters: { match: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  worker.on('message', (message) => {
    const waiter = waiters.find((w) => w.match(message));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else inbox.push(message);
  });
  const next = (match: (m: any) => boolean): Promise<any> => {
    const queued = inbox.find(match);
    if (queued) {
      inbox.splice(inbox.indexOf(queued), 1);
      return Promise.resolve(queued);
    }
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  let nextId = 1;
  const call = async (session: string | null, method: string, input: unknown = {}) => {
    const id = nextId++;
    worker.postMessage({ id, session, method, input });
    return (await next((m) => m.id === id)).result;
  };
  return { worker, next, call };
}

/** A worker thread seen through the CoreProcess interface the Electron client expects. */
function workerProcess(entry: string): CoreProcess {
  const worker = new Worker(entry);
  return Object.assign(worker, {
    kill: () => {
      void worker.terminate();
      return true;
    },
  }) as unknown as CoreProcess;
}

describe('process entry in a worker thread (fake core)', () => {
  it('opens the core on init, answers calls and pushes events', async () => {
    const { worker, next, call } = startWorker(fakeEntry);
    worker.postMessage({ init: { dataDir: '/data/branch', encryptionKey: 'kunci', migrationsDir: '/app/drizzle/branch' } });
    expect(await next((m) => 'ready' in m || 'fatal' in m)).toEqual({ ready: true });
    expect(await call(null, 'debug.opts')).toEqual({
      ok: true,
      value: { dataDir: '/data/branch', encryptionKey: 'kunci', migrationsDir: '/app/drizzle/branch' },
    });

    const signIn = await call(null, 'auth.signIn', { username: 'budi', password: 'rahasia123' });
    const created = await call(signIn.value.sessionToken, 'customers.create', { fullName: 'Siti Aminah' });
    expect(created).toMatchObject({ ok: true, value: { fullName: 'Siti Aminah' } });
    expect(await next((m) => 'event' in m)).toEqual({ event: { type: 'customers.changed', ids: [created.value.id] } });
    await worker.terminate();
  });

  it('answers UNAVAILABLE before init, ignores junk, and turns handler failures into INTERNAL', async () => {
    const { worker, next, call } = startWorker(fakeEntry);
    expect(await call(null, 'setup.status')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    worker.postMessage('junk');
    worker.postMessage({ id: 'x', method: 1 });
    worker.postMessage({ init: { dataDir: 42 } });
    worker.postMessage({ init: { dataDir: '/data/branch' } });
    await next((m) => 'ready' in m);
    expect(await call(null, 'debug.throw')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await call(null, 'debug.uncloneable')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await call(null, 'setup.status')).toMatchObject({ ok: true });
    await worker.terminate();
  });

  it('reports a core that cannot open as fatal', async () => {
    const { worker, next } = startWorker(fakeEntry);
    worker.postMessage({ init: { dataDir: 'refuse' } });
    expect(await next((m) => 'fatal' in m)).toEqual({ fatal: 'file is not a database' });
    await worker.terminate();
  });

  it('closes the core and exits on shutdown', async () => {
    const { worker, next } = startWorker(fakeEntry);
    worker.postMessage({ init: { dataDir: '/data/branch' } });
    await next((m) => 'ready' in m);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ shutdown: true });
    expect(await exited).toBe(0);
  });

  it('through the Electron-side client: a crash fails the pending call, then a fresh core answers', async () => {
    const client = createCoreClient({ spawn: () => workerProcess(fakeEntry), open: { dataDir: '/data/branch' }, log: () => undefined });
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: true });
    expect(await client.call(null, 'debug.crash', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: true });
    await client.shutdown();
  });
});

describe('the real bundle and the real core', () => {
  it('sign in, work and events through IPC relay -> client -> worker -> SQLCipher database', async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-node.mjs'), '--outdir', realBuildDir], { stdio: 'pipe' });
    const dataDir = path.join(scratch, 'branch');
    const client = createCoreClient({
      spawn: () => workerProcess(path.join(realBuildDir, 'core.cjs')),
      open: { dataDir, encryptionKey: 'a'.repeat(64), migrationsDir: path.join(root, 'drizzle', 'branch') },
      timeoutMs: 20_000,
    });
    const fake = createFakeElectron();
    registerIpc({
      ipcMain: fake.ipcMain as unknown as IpcDeps['ipcMain'],
      core: client,
      listWebContents: () => fake.webContents.getAllWebContents() as unknown as ReturnType<IpcDeps['listWebContents']>,
    });
    const page = fake.createContents('app://simpul/index.html#/');
    const invoke = (method: string, input: unknown = {}) =>
      fake.ipcMain.handlers.get('simpul:invoke')!({ sender: page, senderFrame: page.mainFrame } as unknown as Parameters<IpcRelay['handleInvoke']>[0], method, input);

    expect(await invoke('setup.initialise', {
      branchName: 'Cabang Bandung',
      branchCode: 'BDG01',
      manager: { username: 'budi', displayName: 'Budi Santoso', password: 'rahasia123' },
    })).toMatchObject({ ok: true, value: { initialised: true, branchCode: 'BDG01' } });

    const signIn = await invoke('auth.signIn', { username: 'budi', password: 'rahasia123' });
    expect(signIn).toMatchObject({ ok: true, value: { actor: { username: 'budi', role: 'branch_manager' } } });
    expect(Object.keys((signIn as { value: object }).value)).toEqual(['actor']);

    expect(await invoke('auth.me')).toMatchObject({ ok: true, value: { username: 'budi' } });
    const created = await invoke('customers.create', { fullName: 'Siti Aminah' });
    expect(created).toMatchObject({ ok: true, value: { fullName: 'Siti Aminah' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.sent).toEqual([
      { channel: 'simpul:event', args: [{ type: 'customers.changed', ids: [(created as { value: { id: string } }).value.id] }] },
    ]);

    // Reports run in the bundled report worker (report-worker.cjs next to core.cjs) on the encrypted file.
    expect(await invoke('reports.coverage', {})).toMatchObject({ ok: true, value: { customers: 1 } });
    expect(await invoke('auth.signOut')).toMatchObject({ ok: true });
    expect(await invoke('auth.me')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await client.shutdown();

    // Encrypted at rest: no SQLite header and no customer name in the file.
    const dbFile = path.join(dataDir, 'simpul-branch.db');
    expect(existsSync(dbFile)).toBe(true);
    const bytes = readFileSync(dbFile);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('Siti Aminah'))).toBe(false);
  });

  it('the bundled import reader thread (import-worker.cjs next to core.cjs) reads and checks rows, with row numbers', async () => {
    if (!existsSync(path.join(realBuildDir, 'import-worker.cjs'))) execFileSync(process.execPath, [path.join(root, 'scripts/build-node.mjs'), '--outdir', realBuildDir], { stdio: 'pipe' });
    const read = (name: string, text: string) => {
      const file = path.join(scratch, name);
      writeFileSync(file, text);
      const headers = ['Nama', 'HP'];
      const job = { path: file, shape: { format: 'csv', delimiter: ',', hasHeader: true, headers }, mapping: resolveMapping('customers', { columns: [{ column: 0, field: 'fullName' }, { column: 1, field: 'phone' }], dateFormat: 'auto', numberFormat: 'id', currencyRate: '1', missingCustomer: 'report' } as never, headers), timeZone: 'WIB', nowIso: '2026-12-03T00:00:00.000Z', chunk: 2 };
      const worker = new Worker(path.join(realBuildDir, 'import-worker.cjs'), { workerData: job });
      const got: any[] = [];
      return new Promise<any[]>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: any) => {
          got.push(m);
          if (m.type === 'chunk') worker.postMessage('more');
          else void worker.terminate().then(() => resolve(got));
        });
      });
    };
    const ok = await read('pelanggan.csv', 'Nama,HP\nSiti Aminah,0812-1111-2222\nTanpa Nomor,12\n\nBudi,0813 2222 3333\n');
    expect(ok.map((m) => m.type)).toEqual(['chunk', 'chunk', 'end']);
    const rows = ok.flatMap((m) => m.chunk?.rows ?? []);
    expect(rows.map((r: any) => [r.row, r.issues.map((i: any) => [i.column, i.code])])).toEqual([[2, []], [3, [['HP', 'invalid_phone']]], [5, []]]);
    expect(ok[0].chunk.phones).toEqual([['0812-1111-2222', '+6281211112222', 'mobile']]);
    expect(ok[1].chunk.fraction).toBe(1);
    const broken = await read('putus.csv', 'Nama,HP\nSiti,0812-1111-2222\n"Tanpa penutup,0812\n');
    expect(broken.at(-1)).toMatchObject({ type: 'error', appError: { code: 'FILE_UNREADABLE' } });
  });
});
