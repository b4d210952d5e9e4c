import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, createWindowManager, secureWebPreferences, shellLocaleFrom, type WindowDeps } from '../../../electron/windows.js';

type MenuItemConstructorOptions = ReturnType<typeof buildMenuTemplate>[number];
import { createFakeElectron } from '../../fakes/electron.js';

function manager(locale: 'id' | 'en' = 'id') {
  const fake = createFakeElectron();
  const windows = createWindowManager({
    BrowserWindow: fake.BrowserWindow as unknown as WindowDeps['BrowserWindow'],
    preloadPath: '/opt/simpul/dist/electron/preload.cjs',
    locale,
  });
  return { fake, windows, created: fake.BrowserWindow.instances };
}

/** A menu item by its label path, e.g. ['Laporan', 'Buka jendela laporan']. */
function menuItem(template: MenuItemConstructorOptions[], labels: string[]): MenuItemConstructorOptions {
  let items = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item ${label} in ${items.map((i) => i.label ?? i.role).join(', ')}`);
    items = (found.submenu ?? []) as MenuItemConstructorOptions[];
  }
  return found!;
}

describe('window options', () => {
  it('every window gets the locked-down webPreferences and our preload', () => {
    const { windows, created } = manager();
    windows.openFrontOffice();
    windows.openReports();
    expect(created).toHaveLength(2);
    for (const win of created) {
      const prefs = win.options.webPreferences;
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).toBe(false);
      expect(prefs.webviewTag).toBe(false);
      expect(prefs.webSecurity).toBe(true);
      expect(prefs.allowRunningInsecureContent).toBe(false);
      expect(prefs.spellcheck).toBe(false);
      expect(prefs.preload).toBe('/opt/simpul/dist/electron/preload.cjs');
    }
  });

  it('secureWebPreferences is exactly the locked-down set, nothing missing or extra', () => {
    expect(secureWebPreferences('/p.cjs')).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('loads only app://simpul URLs, shows the window when ready', () => {
    const { windows, created } = manager();
    windows.openFrontOffice();
    expect(created[0].loadedUrl).toBe('app://simpul/index.html#/');
    expect(created[0].visible).toBe(false);
    created[0].emit('ready-to-show');
    expect(created[0].visible).toBe(true);
  });
});

describe('application menu', () => {
  it('has Indonesian labels by default and English ones for an English OS', () => {
    const id = buildMenuTemplate({ locale: 'id', isMac: false, isDev: false, openReports: () => undefined });
    expect(id.map((item) => item.label)).toEqual(['Berkas', 'Sunting', 'Tampilan', 'Laporan', 'Jendela']);
    expect(menuItem(id, ['Laporan', 'Buka jendela laporan']).accelerator).toBe('CmdOrCtrl+Shift+L');
    const en = buildMenuTemplate({ locale: 'en', isMac: false, isDev: false, openReports: () => undefined });
    expect(en.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Reports', 'Window']);
    menuItem(en, ['Reports', 'Open reports window']);
  });

  it('picks the shell language from the OS locale', () => {
    expect(shellLocaleFrom('en-US')).toBe('en');
    expect(shellLocaleFrom('en')).toBe('en');
    expect(shellLocaleFrom('EN-gb')).toBe('en');
    expect(shellLocaleFrom('id-ID')).toBe('id');
    expect(shellLocaleFrom('jv-ID')).toBe('id');
    expect(shellLocaleFrom('nl-NL')).toBe('id');
    expect(shellLocaleFrom('')).toBe('id');
    expect(shellLocaleFrom(undefined)).toBe('id');
  });

  it('offers developer tools only in development, and the app menu only on macOS', () => {
    const roles = (template: MenuItemConstructorOptions[]) => JSON.stringify(template, (_k, v) => (typeof v === 'function' ? undefined : v));
    expect(roles(buildMenuTemplate({ locale: 'id', isMac: false, isDev: false, openReports: () => undefined }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ locale: 'id', isMac: false, isDev: true, openReports: () => undefined }))).toContain('toggleDevTools');
    expect(buildMenuTemplate({ locale: 'id', isMac: true, isDev: false, openReports: () => undefined })[0]).toEqual({ role: 'appMenu' });
  });

  it('"Laporan > Buka jendela laporan" opens the reports window on #/reports, once', () => {
    const { windows, created } = manager();
    windows.openFrontOffice();
    const template = buildMenuTemplate({ locale: 'id', isMac: false, isDev: false, openReports: () => windows.openReports() });
    const item = menuItem(template, ['Laporan', 'Buka jendela laporan']);
    (item.click as () => void)();
    expect(created).toHaveLength(2);
    expect(created[1].loadedUrl).toBe('app://simpul/index.html#/reports');
    expect(created[1].options.title).toBe('Simpul - Laporan');

    // A second click brings the same window forward instead of opening another.
    created[1].minimized = true;
    (item.click as () => void)();
    expect(created).toHaveLength(2);
    expect(created[1].minimized).toBe(false);
    expect(created[1].focused).toBe(true);

    // After it is closed, the menu opens a fresh one.
    created[1].close();
    (item.click as () => void)();
    expect(created).toHaveLength(3);
    expect(created[2].loadedUrl).toBe('app://simpul/index.html#/reports');
  });

  it('the reports window title follows the locale', () => {
    const { windows, created } = manager('en');
    windows.openReports();
    expect(created[0].options.title).toBe('Simpul - Reports');
  });
});
