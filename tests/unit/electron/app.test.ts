import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startDesktopApp, type DesktopElectron } from '../../../electron/app.js';
import { createFakeElectron, FakeEvent, type FakeElectron } from '../../fakes/electron.js';

const distDir = '/opt/simpul/resources/app.asar/dist';

function setup(configure: (fake: FakeElectron) => void = () => undefined) {
  const fake = createFakeElectron();
  fake.app.userDataPath = mkdtempSync(path.join(os.tmpdir(), 'simpul-userdata-'));
  configure(fake);
  startDesktopApp(fake as unknown as DesktopElectron, { distDir });
  return fake;
}

async function started(configure?: (fake: FakeElectron) => void) {
  const fake = setup(configure);
  await fake.emitReady();
  return fake;
}

type MenuNode = { label?: string; submenu?: MenuNode[]; click?: () => void };
const findMenu = (items: MenuNode[], ...labels: string[]): MenuNode =>
  labels.reduce<MenuNode>((node, label) => node.submenu!.find((i) => i.label === label)!, { submenu: items });

describe('before ready', () => {
  it('registers the app:// scheme and enables the sandbox before ready, and takes the single-instance lock', async () => {
    const fake = await started();
    const order = fake.log.slice(0, fake.log.indexOf('app.ready'));
    expect(order).toContain('protocol.registerSchemesAsPrivileged');
    expect(order).toContain('app.enableSandbox');
    expect(order).toContain('app.requestSingleInstanceLock');
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
  });

  it('a second instance quits at once and opens nothing', async () => {
    const fake = await started((f) => {
      f.app.singleInstanceLock = false;
    });
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.utilityProcess.forked).toHaveLength(0);
    expect(fake.app.listenerCount('web-contents-created')).toBe(0);
  });
});

describe('on ready', () => {
  it('serves dist/ui on app:// and hardens the default session', async () => {
    const fake = await started();
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);
    expect(fake.session.defaultSession.permissionCheckHandler!({}, 'media', 'app://simpul', {})).toBe(false);
    let granted: boolean | undefined;
    fake.session.defaultSession.permissionRequestHandler!({}, 'notifications', (g: boolean) => (granted = g), {});
    expect(granted).toBe(false);
  });

  it('starts the core in a utility process with the data dir under userData and a database key', async () => {
    const fake = await started();
    expect(fake.utilityProcess.forked).toHaveLength(1);
    const child = fake.utilityProcess.forked[0];
    expect(child.modulePath).toBe(path.join(distDir, 'electron', 'core.cjs'));
    expect(child.options.serviceName).toBe('Simpul branch core');
    const init = (child.posted[0] as { init: Record<string, string> }).init;
    expect(init.dataDir).toBe(path.join(fake.app.userDataPath, 'branch'));
    expect(init.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(init.migrationsDir).toBe(path.join(fake.app.appPath, 'drizzle', 'branch'));
    // The key travels in the init message only, never on the command line or in the environment.
    expect(JSON.stringify(child.args)).not.toContain(init.encryptionKey);
    expect(JSON.stringify(child.options)).not.toContain(init.encryptionKey);
  });

  it('registers the IPC relay and opens the front office with our preload on app://simpul', async () => {
    const fake = await started();
    expect([...fake.ipcMain.handlers.keys()]).toEqual(['simpul:invoke']);
    const [win] = fake.BrowserWindow.instances;
    expect(win.loadedUrl).toBe('app://simpul/index.html#/');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.options.webPreferences.preload).toBe(path.join(distDir, 'electron', 'preload.cjs'));
  });

  it('guards every webContents that is created, including ones the shell did not make', async () => {
    const fake = await started();
    const windowContents = fake.BrowserWindow.instances[0].webContents;
    const stray = fake.createContents('app://simpul/index.html#/');
    for (const contents of [windowContents, stray]) {
      expect(contents.attempt('will-navigate', 'https://evil.example')).toBe(true);
      expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(contents.attempt('will-navigate', 'app://simpul/index.html#/reports')).toBe(false);
      expect(contents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
      expect(contents.attempt('will-attach-webview')).toBe(true);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.shell.opened).toEqual(['https://evil.example/', 'https://evil.example/']);
  });

  it('sets an Indonesian menu whose Laporan item opens the reports window', async () => {
    const fake = await started();
    const menu = fake.Menu.applicationMenu!.template as MenuNode[];
    findMenu(menu, 'Laporan', 'Buka jendela laporan').click!();
    expect(fake.BrowserWindow.instances.map((w) => w.loadedUrl)).toEqual(['app://simpul/index.html#/', 'app://simpul/index.html#/reports']);
    expect(fake.BrowserWindow.instances[1].options.webPreferences.sandbox).toBe(true);
  });

  it('the UI asking for #/reports with window.open gets the reports window made by main, not its own', async () => {
    const fake = await started();
    const page = fake.BrowserWindow.instances[0].webContents;
    expect(page.windowOpenHandler!({ url: 'app://simpul/index.html#/reports' })).toEqual({ action: 'deny' });
    expect(fake.BrowserWindow.instances.map((w) => w.loadedUrl)).toEqual(['app://simpul/index.html#/', 'app://simpul/index.html#/reports']);
    expect(fake.BrowserWindow.instances[1].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('uses English menus on an English OS', async () => {
    const fake = await started((f) => {
      f.app.preferredLanguages = ['en-US', 'id-ID'];
    });
    const menu = fake.Menu.applicationMenu!.template as MenuNode[];
    expect(findMenu(menu, 'Reports', 'Open reports window').click).toBeTypeOf('function');
  });

  it('a second launch brings the front office forward instead of opening another', async () => {
    const fake = await started();
    const [win] = fake.BrowserWindow.instances;
    win.minimized = true;
    fake.app.emit('second-instance', new FakeEvent(), [], '/');
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('never loads a file:// URL', async () => {
    const fake = await started();
    findMenu(fake.Menu.applicationMenu!.template as MenuNode[], 'Laporan', 'Buka jendela laporan').click!();
    for (const win of fake.BrowserWindow.instances) expect(win.loadedUrl).toMatch(/^app:\/\/simpul\//);
  });
});

describe('quitting and failures', () => {
  it('lets the core close its database before the app quits', async () => {
    const fake = await started();
    const child = fake.utilityProcess.forked[0];
    const quitEvent = new FakeEvent();
    fake.app.emit('will-quit', quitEvent);
    expect(quitEvent.defaultPrevented).toBe(true);
    expect(child.posted.at(-1)).toEqual({ shutdown: true });
    expect(fake.app.quitCalls).toBe(0);

    child.emit('exit', 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.app.quitCalls).toBe(1);
    const secondQuit = new FakeEvent();
    fake.app.emit('will-quit', secondQuit);
    expect(secondQuit.defaultPrevented).toBe(false);
  });

  it('an unreadable database key shows a message and quits without opening a window', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = setup((f) => {
      mkdirSync(path.join(f.app.userDataPath, 'branch'), { recursive: true });
      writeFileSync(path.join(f.app.userDataPath, 'branch', 'db-key.json'), '{"version":1,"protection":"os-keystore","key":"AAAA"}');
      f.safeStorage.available = false;
    });
    await fake.emitReady();
    expect(fake.dialog.errors).toEqual([{ title: 'Simpul', content: expect.stringContaining('Database cabang tidak dapat dibuka') }]);
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.utilityProcess.forked).toHaveLength(0);
  });

  it('a core that cannot open the database shows the same message and quits', async () => {
    const fake = await started();
    fake.utilityProcess.forked[0].emit('message', { fatal: 'file is not a database' });
    expect(fake.dialog.errors).toEqual([{ title: 'Simpul', content: expect.stringContaining('Database cabang tidak dapat dibuka') }]);
    expect(fake.app.quitCalls).toBe(1);
  });
});

describe('electron/main.ts', () => {
  it('starts the app with the real module and dist/ as seen from dist/electron', async () => {
    const fake = createFakeElectron();
    fake.app.userDataPath = mkdtempSync(path.join(os.tmpdir(), 'simpul-userdata-'));
    vi.resetModules();
    vi.doMock('electron', () => fake);
    await import('../../../electron/main.js');
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    await fake.emitReady();
    // In the bundle __dirname is dist/electron; here it is electron/, so dist/ resolves to the repo root.
    const repo = path.resolve(__dirname, '../../..');
    expect(fake.BrowserWindow.instances[0].options.webPreferences.preload).toBe(path.join(repo, 'electron', 'preload.cjs'));
    expect(fake.utilityProcess.forked[0].modulePath).toBe(path.join(repo, 'electron', 'core.cjs'));
  });
});
