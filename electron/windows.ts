import type { BrowserWindow, BrowserWindowConstructorOptions, MenuItemConstructorOptions, WebPreferences } from 'electron';
import { FRONT_OFFICE_URL, REPORTS_URL } from './constants.js';

/**
 * The two windows (front office, back-office reports) and the application
 * menu. Electron classes are passed in, so all of this runs in plain Node
 * tests against tests/fakes/electron.ts.
 */

export type ShellLocale = 'id' | 'en';

/** Indonesian unless the OS says English: the app's users are Indonesian branch staff. */
export function shellLocaleFrom(osLocale: string | undefined): ShellLocale {
  return osLocale && /^en\b/i.test(osLocale) ? 'en' : 'id';
}

/** Every window gets exactly these: a renderer that cannot reach Node or the disk. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

const LABELS = {
  id: {
    file: 'Berkas',
    quit: 'Keluar',
    closeWindow: 'Tutup jendela',
    edit: 'Sunting',
    undo: 'Urungkan',
    redo: 'Ulangi',
    cut: 'Potong',
    copy: 'Salin',
    paste: 'Tempel',
    selectAll: 'Pilih semua',
    view: 'Tampilan',
    reload: 'Muat ulang',
    devTools: 'Alat pengembang',
    resetZoom: 'Ukuran asli',
    zoomIn: 'Perbesar',
    zoomOut: 'Perkecil',
    fullScreen: 'Layar penuh',
    reports: 'Laporan',
    openReports: 'Buka jendela laporan',
    window: 'Jendela',
    minimize: 'Kecilkan',
    reportsTitle: 'Simpul - Laporan',
  },
  en: {
    file: 'File',
    quit: 'Quit',
    closeWindow: 'Close window',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer tools',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    reports: 'Reports',
    openReports: 'Open reports window',
    window: 'Window',
    minimize: 'Minimise',
    reportsTitle: 'Simpul - Reports',
  },
} as const;

export function shellLabels(locale: ShellLocale): (typeof LABELS)[ShellLocale] {
  return LABELS[locale];
}

export interface MenuOptions {
  locale: ShellLocale;
  isMac: boolean;
  /** Developer tools only in unpackaged builds. */
  isDev: boolean;
  openReports(): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.locale];
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: t.file,
      submenu: [options.isMac ? { role: 'close', label: t.closeWindow } : { role: 'quit', label: t.quit }],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'reload', label: t.reload },
        ...(options.isDev ? [{ role: 'toggleDevTools', label: t.devTools } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullScreen },
      ],
    },
    {
      label: t.reports,
      submenu: [{ id: 'open-reports', label: t.openReports, accelerator: 'CmdOrCtrl+Shift+L', click: () => options.openReports() }],
    },
    {
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'close', label: t.closeWindow },
      ],
    },
  );
  return template;
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  /** Used on Linux; Windows and macOS take the icon from the installer build. */
  iconPath?: string;
  locale: ShellLocale;
}

export interface WindowManager {
  openFrontOffice(): BrowserWindow;
  openReports(): BrowserWindow;
}

export function createWindowManager(deps: WindowDeps): WindowManager {
  let frontOffice: BrowserWindow | null = null;
  let reports: BrowserWindow | null = null;

  const create = (url: string, extra: BrowserWindowConstructorOptions, forget: () => void): BrowserWindow => {
    const win = new deps.BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 960,
      minHeight: 600,
      show: false, // shown on ready-to-show: no white flash while the bundle parses
      backgroundColor: '#f8fafc',
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      ...extra,
      webPreferences: secureWebPreferences(deps.preloadPath),
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', forget);
    void win.loadURL(url);
    return win;
  };

  const bringToFront = (win: BrowserWindow): BrowserWindow => {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };

  return {
    openFrontOffice() {
      if (frontOffice && !frontOffice.isDestroyed()) return bringToFront(frontOffice);
      frontOffice = create(FRONT_OFFICE_URL, { title: 'Simpul' }, () => {
        frontOffice = null;
      });
      return frontOffice;
    },
    openReports() {
      // One reports window: the menu item focuses it if it is already open.
      if (reports && !reports.isDestroyed()) return bringToFront(reports);
      reports = create(REPORTS_URL, { title: LABELS[deps.locale].reportsTitle, width: 1360, height: 860 }, () => {
        reports = null;
      });
      return reports;
    },
  };
}
