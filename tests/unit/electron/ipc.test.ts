import { describe, expect, it, vi } from 'vitest';
import { registerIpc, type IpcDeps, type IpcRelay } from '../../../electron/ipc.js';
import { createFakeElectron, FakeFrame, FakeWebContents } from '../../fakes/electron.js';
import { openFakeCore } from '../../fakes/fake-core.js';

const APP_PAGE = 'app://simpul/index.html#/';

function setup() {
  const fake = createFakeElectron();
  const core = openFakeCore();
  const relay = registerIpc({
    ipcMain: fake.ipcMain as unknown as IpcDeps['ipcMain'],
    core,
    listWebContents: () => fake.webContents.getAllWebContents() as unknown as ReturnType<IpcDeps['listWebContents']>,
  });
  const window = (url = APP_PAGE) => fake.createContents(url);
  // What Electron passes to an ipcMain.handle handler, from a given frame of a given page.
  const eventFrom = (sender: FakeWebContents, frame: FakeFrame | null = sender.mainFrame) =>
    ({ sender, senderFrame: frame }) as unknown as Parameters<IpcRelay['handleInvoke']>[0];
  const invoke = (sender: FakeWebContents, method: unknown, input: unknown = {}, frame?: FakeFrame | null) => {
    const handler = fake.ipcMain.handlers.get('simpul:invoke')!;
    return handler(eventFrom(sender, frame === undefined ? sender.mainFrame : frame), method, input);
  };
  const signIn = (sender: FakeWebContents) => invoke(sender, 'auth.signIn', { username: 'budi', password: 'rahasia123' });
  return { fake, core, relay, window, invoke, signIn };
}

describe('who may call the core', () => {
  it('registers exactly one handler, on simpul:invoke', () => {
    const { fake } = setup();
    expect([...fake.ipcMain.handlers.keys()]).toEqual(['simpul:invoke']);
  });

  it('relays a call from the top frame of our own page', async () => {
    const { core, window, invoke } = setup();
    const result = await invoke(window(), 'setup.status', {});
    expect(result).toEqual({ ok: true, value: { initialised: true, branchCode: 'BDG01' } });
    expect(core.calls).toEqual([{ session: null, method: 'setup.status', input: {} }]);
  });

  it.each([
    ['a foreign origin', 'https://evil.example/'],
    ['a file:// page', 'file:///etc/passwd'],
    ['a look-alike host', 'app://simpul.evil/index.html'],
    ['credentials in the URL', 'app://x@simpul/index.html'],
    ['no URL yet', ''],
  ])('refuses %s with FORBIDDEN and never calls the core', async (_label, url) => {
    const { core, window, invoke } = setup();
    const result = await invoke(window(url), 'setup.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a subframe, even one served from app://simpul', async () => {
    const { core, window, invoke } = setup();
    const page = window();
    const iframe = new FakeFrame('app://simpul/index.html#/', page.mainFrame);
    expect(await invoke(page, 'setup.status', {}, iframe)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreignIframe = new FakeFrame('https://evil.example/', page.mainFrame);
    expect(await invoke(page, 'setup.status', {}, foreignIframe)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a call whose frame is gone (senderFrame null)', async () => {
    const { core, window, invoke } = setup();
    expect(await invoke(window(), 'setup.status', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a frame that claims our URL but is not the page the message came from', async () => {
    const { core, window, invoke } = setup();
    const other = window();
    expect(await invoke(window(), 'setup.status', {}, other.mainFrame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses method names that are not strings or not procedure-shaped', async () => {
    const { core, window, invoke } = setup();
    const page = window();
    for (const method of [42, null, { toString: () => 'auth.me' }, '', 'a'.repeat(101), '../x', 'auth.me; drop']) {
      expect(await invoke(page, method)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(core.calls).toEqual([]);
  });

  it('turns a core that throws into INTERNAL', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { window, invoke } = setup();
    expect(await invoke(window(), 'debug.throw')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe('session tokens stay in main', () => {
  it('sign-in returns the actor without the token, and later calls carry the token', async () => {
    const { core, window, invoke, signIn, relay } = setup();
    const page = window();
    const result = await signIn(page);
    expect(result).toEqual({ ok: true, value: { actor: expect.objectContaining({ username: 'budi' }) } });
    expect(JSON.stringify(result)).not.toContain('secret-token');
    expect(relay.hasSession(page.id)).toBe(true);

    const me = await invoke(page, 'auth.me');
    expect(me).toMatchObject({ ok: true, value: { username: 'budi' } });
    expect(core.calls.at(-1)).toEqual({ session: 'secret-token-1', method: 'auth.me', input: {} });
  });

  it('nothing sent to any window ever contains the token', async () => {
    const { window, invoke, signIn } = setup();
    const page = window();
    const replies = [await signIn(page), await invoke(page, 'auth.me'), await invoke(page, 'customers.create', { fullName: 'Siti' })];
    for (const reply of replies) expect(JSON.stringify(reply)).not.toMatch(/secret-token/);
    for (const message of page.sent) expect(JSON.stringify(message)).not.toMatch(/secret-token/);
  });

  it('a token passed in the input is not taken as the session', async () => {
    const { core, window, invoke, signIn } = setup();
    await signIn(window());
    const intruder = window();
    const result = await invoke(intruder, 'auth.me', { session: 'secret-token-1', sessionToken: 'secret-token-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(core.calls.at(-1)?.session).toBeNull();
  });

  it('each window has its own session', async () => {
    const { core, window, invoke, signIn } = setup();
    const frontOffice = window();
    const reports = window('app://simpul/index.html#/reports');
    await signIn(frontOffice);
    expect(await invoke(reports, 'auth.me')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await signIn(reports);
    await invoke(reports, 'auth.me');
    expect(core.calls.at(-1)?.session).toBe('secret-token-2');
  });

  it('sign-out clears the session in main and in the core', async () => {
    const { core, window, invoke, signIn, relay } = setup();
    const page = window();
    await signIn(page);
    expect(await invoke(page, 'auth.signOut')).toEqual({ ok: true, value: { signedOut: true } });
    expect(relay.hasSession(page.id)).toBe(false);
    expect(core.sessions.size).toBe(0);
    await invoke(page, 'auth.me');
    expect(core.calls.at(-1)?.session).toBeNull();
  });

  it('closing a window forgets its session and ends it in the core', async () => {
    const { core, window, signIn, relay } = setup();
    const page = window();
    await signIn(page);
    page.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(relay.hasSession(page.id)).toBe(false);
    expect(core.sessions.size).toBe(0);
    expect(core.calls.at(-1)).toEqual({ session: 'secret-token-1', method: 'auth.signOut', input: {} });
  });

  it('signing in again ends the previous session', async () => {
    const { core, window, signIn } = setup();
    const page = window();
    await signIn(page);
    await signIn(page);
    await new Promise((resolve) => setImmediate(resolve));
    expect([...core.sessions]).toEqual(['secret-token-2']);
  });

  it('a session the core no longer knows is dropped', async () => {
    const { core, window, invoke, signIn, relay } = setup();
    const page = window();
    await signIn(page);
    core.sessions.clear(); // e.g. the core process restarted
    expect(await invoke(page, 'auth.me')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(relay.hasSession(page.id)).toBe(false);
  });

  it('a failed sign-in stores nothing', async () => {
    const { window, invoke, relay } = setup();
    const page = window();
    const result = await invoke(page, 'auth.signIn', { username: 'budi', password: 'salah' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(relay.hasSession(page.id)).toBe(false);
  });
});

describe('core events', () => {
  it('are broadcast as simpul:event to live app windows only', async () => {
    const { core, window } = setup();
    const frontOffice = window();
    const reports = window('app://simpul/index.html#/reports');
    const devtools = window('devtools://devtools/bundled/inspector.html');
    const closed = window();
    closed.destroy();
    core.emit({ type: 'customers.changed', ids: ['c1'] });
    const expected = [{ channel: 'simpul:event', args: [{ type: 'customers.changed', ids: ['c1'] }] }];
    expect(frontOffice.sent).toEqual(expected);
    expect(reports.sent).toEqual(expected);
    expect(devtools.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('stop after dispose, and the handler is removed', () => {
    const { fake, core, relay, window } = setup();
    const page = window();
    relay.dispose();
    core.emit({ type: 'session.ended' });
    expect(page.sent).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
