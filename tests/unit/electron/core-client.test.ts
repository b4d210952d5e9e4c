import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createCoreClient, type CoreClientOptions, type CoreProcess } from '../../../electron/core-client.js';
import { openFakeCore, type FakeCore } from '../../fakes/fake-core.js';

/**
 * A stand-in for the utility process: answers the protocol with a fake core
 * in this process, and can be told to stay silent, crash or refuse to start.
 */
class ScriptedProcess extends EventEmitter implements CoreProcess {
  posted: unknown[] = [];
  killed = false;
  silent = false;
  exitsOnShutdown = true;
  constructor(
    readonly core: FakeCore,
    readonly fatal?: string,
  ) {
    super();
  }
  postMessage(message: any): void {
    this.posted.push(message);
    if (message.init) {
      queueMicrotask(() => this.emit('message', this.fatal ? { fatal: this.fatal } : { ready: true }));
    } else if (message.shutdown) {
      if (this.exitsOnShutdown) queueMicrotask(() => this.emit('exit', 0));
    } else if (!this.silent) {
      void this.core.call(message.session, message.method, message.input).then((result) => this.emit('message', { id: message.id, result }));
    }
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 143));
    return true;
  }
  crash(code = 1): void {
    this.emit('exit', code);
  }
}

function setup(overrides: Partial<CoreClientOptions> & { fatal?: string } = {}) {
  const core = openFakeCore();
  const spawned: ScriptedProcess[] = [];
  const logs: string[] = [];
  const client = createCoreClient({
    spawn: () => {
      const child = new ScriptedProcess(core, overrides.fatal);
      spawned.push(child);
      return child;
    },
    open: { dataDir: '/home/kasir/.config/Simpul/branch', encryptionKey: 'k'.repeat(64), migrationsDir: '/app/drizzle/branch' },
    log: (message) => logs.push(message),
    ...overrides,
  });
  return { core, client, spawned, logs };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('core client', () => {
  it('starts the process and sends init before any call', async () => {
    const { client, spawned } = setup();
    await client.call(null, 'setup.status', {});
    expect(spawned).toHaveLength(1);
    expect(spawned[0].posted[0]).toEqual({
      init: { dataDir: '/home/kasir/.config/Simpul/branch', encryptionKey: 'k'.repeat(64), migrationsDir: '/app/drizzle/branch' },
    });
    expect(spawned[0].posted[1]).toEqual({ id: 1, session: null, method: 'setup.status', input: {} });
  });

  it('matches replies to calls by id, in any order', async () => {
    const { client } = setup();
    const slow = client.call(null, 'debug.slow', { ms: 40 });
    const fast = client.call(null, 'setup.status', {});
    const status = await fast;
    expect(status).toMatchObject({ ok: true, value: { branchCode: 'BDG01' } });
    expect(await slow).toEqual({ ok: true, value: { waited: 40 } });
  });

  it('passes the session through unchanged', async () => {
    const { client, core } = setup();
    const signIn = (await client.call(null, 'auth.signIn', { username: 'budi', password: 'rahasia123' })) as { ok: true; value: { sessionToken: string } };
    await client.call(signIn.value.sessionToken, 'auth.me', {});
    expect(core.calls.at(-1)).toEqual({ session: 'secret-token-1', method: 'auth.me', input: {} });
  });

  it('forwards core events to listeners until they unsubscribe', async () => {
    const { client, spawned } = setup();
    const seen: unknown[] = [];
    const unsubscribe = client.onEvent((event) => seen.push(event));
    spawned[0].emit('message', { event: { type: 'customers.changed', ids: ['c9'] } });
    unsubscribe();
    spawned[0].emit('message', { event: { type: 'session.ended' } });
    expect(seen).toEqual([{ type: 'customers.changed', ids: ['c9'] }]);
  });

  it('a call with no reply resolves UNAVAILABLE after the timeout, and the late reply is dropped', async () => {
    const { client, spawned } = setup({ timeoutMs: 30 });
    spawned[0].silent = true;
    const started = Date.now();
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    spawned[0].emit('message', { id: 1, result: { ok: true, value: 'late' } }); // must not throw or resolve anything
  });

  it('when the process dies, pending calls fail at once with UNAVAILABLE and a new process starts', async () => {
    const { client, spawned, core } = setup();
    spawned[0].silent = true;
    const pending = client.call(null, 'setup.status', {});
    spawned[0].crash(139);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('tidak tersedia') } });
    expect(spawned).toHaveLength(2);
    expect(spawned[1].posted[0]).toHaveProperty('init');
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: true });
    expect(core.calls.map((c) => c.method)).toEqual(['setup.status']);
  });

  it('gives up after too many crashes in a short time, and then answers UNAVAILABLE', async () => {
    const { client, spawned, logs } = setup({ maxRestarts: 2, restartWindowMs: 60_000 });
    spawned[0].crash();
    spawned[1].crash();
    spawned[2].crash();
    expect(spawned).toHaveLength(3);
    expect(logs.at(-1)).toContain('giving up');
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('a core that cannot open its database is reported once and not restarted', async () => {
    const onFatal = vi.fn();
    const { client, spawned } = setup({ fatal: 'file is not a database', onFatal });
    await tick();
    expect(onFatal).toHaveBeenCalledWith('file is not a database');
    expect(spawned[0].killed).toBe(true);
    await tick();
    expect(spawned).toHaveLength(1);
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('shutdown asks the process to close, waits for it, and does not restart it', async () => {
    const { client, spawned } = setup();
    await client.shutdown();
    expect(spawned[0].posted.at(-1)).toEqual({ shutdown: true });
    expect(spawned[0].killed).toBe(false);
    expect(spawned).toHaveLength(1);
    expect(await client.call(null, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('shutdown kills a process that does not exit within the grace period', async () => {
    const { client, spawned } = setup({ shutdownGraceMs: 20 });
    spawned[0].exitsOnShutdown = false;
    await client.shutdown();
    expect(spawned[0].killed).toBe(true);
    expect(spawned).toHaveLength(1);
  });

  it('uses the locale it is given for its own errors', async () => {
    const { client, spawned } = setup({ locale: () => 'en' });
    spawned[0].silent = true;
    const pending = client.call(null, 'setup.status', {});
    spawned[0].crash();
    expect(await pending).toMatchObject({ error: { message: 'The service is not available right now. Try again shortly.' } });
  });
});
