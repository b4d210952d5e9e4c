import path from 'node:path';
import type * as ElectronModule from 'electron';
import { createCoreClient, type CoreClient } from './core-client.js';
import { loadOrCreateDatabaseKey } from './db-key.js';
import { registerIpc } from './ipc.js';
import { installAppProtocol, registerAppScheme } from './protocol.js';
import { hardenSession, hardenWebContents } from './security.js';
import { buildMenuTemplate, createWindowManager, shellLocaleFrom, type ShellLocale, type WindowManager } from './windows.js';

/**
 * Application lifecycle. Receives the electron module so tests can run it
 * with tests/fakes/electron.ts; main.ts passes the real one.
 */

export type DesktopElectron = Pick<
  typeof ElectronModule,
  'app' | 'BrowserWindow' | 'Menu' | 'dialog' | 'ipcMain' | 'protocol' | 'safeStorage' | 'session' | 'shell' | 'utilityProcess' | 'webContents'
>;

export interface DesktopPaths {
  /** dist/: holds electron/{main,preload,core}.cjs and ui/. */
  distDir: string;
}

const STARTUP_FAILED = {
  id: 'Database cabang tidak dapat dibuka. Data tidak diubah. Hubungi dukungan.',
  en: 'The branch database cannot be opened. No data was changed. Contact support.',
} as const;

export function startDesktopApp(electron: DesktopElectron, paths: DesktopPaths): void {
  const { app } = electron;
  // Both must happen before 'ready'.
  registerAppScheme(electron.protocol);
  app.enableSandbox();

  // A second copy would open the same SQLite file from a second core process.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let windows: WindowManager | null = null;
  let core: CoreClient | null = null;
  let coreStopped = false;

  app.on('second-instance', () => {
    windows?.openFrontOffice();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: (url) => electron.shell.openExternal(url),
      openReports: () => windows?.openReports(),
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows && electron.BrowserWindow.getAllWindows().length === 0) windows.openFrontOffice();
  });
  app.on('will-quit', (event) => {
    // Let the core close the database (WAL checkpoint) before the process ends.
    if (!core || coreStopped) return;
    event.preventDefault();
    void core.shutdown().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  const onReady = (): void => {
    const locale: ShellLocale = shellLocaleFrom(app.getPreferredSystemLanguages()[0] ?? app.getLocale());
    hardenSession(electron.session.defaultSession);
    installAppProtocol(electron.protocol, path.join(paths.distDir, 'ui'));

    const dataDir = path.join(app.getPath('userData'), 'branch');
    let encryptionKey: string;
    try {
      encryptionKey = loadOrCreateDatabaseKey({
        safeStorage: electron.safeStorage,
        platform: process.platform,
        file: path.join(dataDir, 'db-key.json'),
      }).key;
    } catch (err) {
      console.error('[app] database key', err);
      electron.dialog.showErrorBox('Simpul', STARTUP_FAILED[locale]);
      app.quit();
      return;
    }

    core = createCoreClient({
      spawn: () =>
        electron.utilityProcess.fork(path.join(paths.distDir, 'electron', 'core.cjs'), [], {
          serviceName: 'Simpul branch core',
          stdio: 'inherit',
          env: { ...process.env, NODE_ENV: app.isPackaged ? 'production' : (process.env.NODE_ENV ?? 'development') },
        }),
      open: { dataDir, encryptionKey, migrationsDir: path.join(app.getAppPath(), 'drizzle', 'branch') },
      locale: () => locale,
      // Nothing works without the database, so say so and stop rather than leave dead windows open.
      onFatal: () => {
        electron.dialog.showErrorBox('Simpul', STARTUP_FAILED[locale]);
        app.quit();
      },
    });

    registerIpc({
      ipcMain: electron.ipcMain,
      core,
      listWebContents: () => electron.webContents.getAllWebContents(),
      locale: () => locale,
    });

    const manager = createWindowManager({
      BrowserWindow: electron.BrowserWindow,
      preloadPath: path.join(paths.distDir, 'electron', 'preload.cjs'),
      iconPath: process.platform === 'linux' ? path.join(paths.distDir, 'electron', 'icon.png') : undefined,
      locale,
    });
    windows = manager;
    const template = buildMenuTemplate({
      locale,
      isMac: process.platform === 'darwin',
      isDev: !app.isPackaged,
      openReports: () => manager.openReports(),
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
    manager.openFrontOffice();
  };

  app
    .whenReady()
    .then(onReady)
    .catch((err: unknown) => {
      console.error('[app] start failed', err);
      app.quit();
    });
}
