import { EventEmitter } from 'node:events';

/**
 * A stand-in for the 'electron' module, for plain-Node tests (the Electron
 * binary cannot run here). It records what the shell asks of it: window
 * options, handlers on webContents/session/ipcMain/protocol, menu templates,
 * utility processes. It enforces the few rules the shell depends on
 * (privileged schemes before 'ready', one ipcMain handler per channel) so a
 * test fails where Electron would.
 *
 * Pass it to the shell's functions directly, or stand it in for the module:
 *   const fake = createFakeElectron();
 *   vi.resetModules(); vi.doMock('electron', () => fake);
 *   await import('../../../electron/preload.js');
 */

type Listener = (...args: any[]) => any;

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  private destroyed = false;

  constructor(
    readonly session: FakeSession,
    url = '',
  ) {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Emit a navigation-like event the way Electron does; returns whether it was prevented. */
  attempt(eventName: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview', url = ''): boolean {
    const event = new FakeEvent(url);
    if (eventName === 'will-frame-navigate') this.emit(eventName, event);
    else this.emit(eventName, event, url, false, true, 0, 0);
    return event.defaultPrevented;
  }
}

export interface FakeUtilityProcess extends EventEmitter {
  modulePath: string;
  args: string[];
  options: Record<string, unknown>;
  posted: unknown[];
  killed: boolean;
  postMessage(message: unknown): void;
  kill(): boolean;
}

export function createFakeElectron() {
  const log: string[] = [];
  const defaultSession = new FakeSession();
  const allContents: FakeWebContents[] = [];
  let ready = false;
  let resolveReady: () => void = () => undefined;
  let readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  class FakeApp extends EventEmitter {
    singleInstanceLock = true;
    isPackaged = false;
    quitCalls = 0;
    sandboxEnabled = false;
    userDataPath = '/tmp/simpul-fake-userdata';
    appPath = '/opt/simpul/resources/app.asar';
    preferredLanguages = ['id-ID'];
    requestSingleInstanceLock(): boolean {
      log.push('app.requestSingleInstanceLock');
      return this.singleInstanceLock;
    }
    enableSandbox(): void {
      if (ready) throw new Error('app.enableSandbox() can only be called before app is ready');
      log.push('app.enableSandbox');
      this.sandboxEnabled = true;
    }
    whenReady(): Promise<void> {
      return readyPromise;
    }
    isReady(): boolean {
      return ready;
    }
    quit(): void {
      log.push('app.quit');
      this.quitCalls++;
    }
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
      return this.userDataPath;
    }
    getAppPath(): string {
      return this.appPath;
    }
    getLocale(): string {
      return this.preferredLanguages[0] ?? 'en-US';
    }
    getSystemLocale(): string {
      return this.preferredLanguages[0] ?? 'en-US';
    }
    getPreferredSystemLanguages(): string[] {
      return [...this.preferredLanguages];
    }
  }
  const app = new FakeApp();

  const createContents = (url = ''): FakeWebContents => {
    const contents = new FakeWebContents(defaultSession, url);
    allContents.push(contents);
    // Electron announces every new webContents before anything loads in it.
    app.emit('web-contents-created', new FakeEvent(), contents);
    return contents;
  };

  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
    }
    readonly webContents: FakeWebContents;
    visible = false;
    minimized = false;
    focused = false;
    destroyed = false;
    loadedUrl: string | null = null;
    constructor(readonly options: Record<string, any>) {
      super();
      log.push('new BrowserWindow');
      this.webContents = createContents();
      FakeBrowserWindow.instances.push(this);
    }
    loadURL(url: string): Promise<void> {
      if (url.startsWith('file:')) throw new Error('the shell must never load file:// URLs');
      this.loadedUrl = url;
      return this.webContents.loadURL(url);
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focused = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      this.destroyed = true;
      this.webContents.destroy();
      this.emit('closed');
    }
  }

  const protocol = {
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
      if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      log.push('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
      if (!ready) throw new Error('protocol.handle before app is ready');
      log.push(`protocol.handle:${scheme}`);
      protocol.handlers.set(scheme, handler);
    },
    unhandle(scheme: string): void {
      protocol.handlers.delete(scheme);
    },
  };

  const ipcMain = {
    handlers: new Map<string, Listener>(),
    handle(channel: string, handler: Listener): void {
      if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcMain.handlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      ipcMain.handlers.delete(channel);
    },
  };

  const ipcRendererEmitter = new EventEmitter();
  const ipcRenderer = Object.assign(ipcRendererEmitter, {
    invocations: [] as unknown[][],
    invokeResult: { ok: true, value: null } as unknown,
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.invocations.push([channel, ...args]);
      return Promise.resolve(ipcRenderer.invokeResult);
    },
  });

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown): void {
      if (contextBridge.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      contextBridge.exposed.set(key, api);
    },
  };

  const Menu = {
    applicationMenu: null as { template: any[] } | null,
    buildFromTemplate(template: any[]): { template: any[] } {
      return { template };
    },
    setApplicationMenu(menu: { template: any[] } | null): void {
      Menu.applicationMenu = menu;
    },
  };

  const shell = {
    opened: [] as string[],
    openExternal(url: string): Promise<void> {
      shell.opened.push(url);
      return Promise.resolve();
    },
  };

  const utilityProcess = {
    forked: [] as FakeUtilityProcess[],
    /** Replace to script the child (reply to init, crash, ...). */
    onFork: (_child: FakeUtilityProcess): void => undefined,
    fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
      if (!ready) throw new Error('utilityProcess.fork can only be called after app is ready');
      const child = Object.assign(new EventEmitter(), {
        modulePath,
        args,
        options,
        posted: [] as unknown[],
        killed: false,
        postMessage(message: unknown) {
          child.posted.push(structuredClone(message));
        },
        kill() {
          child.killed = true;
          queueMicrotask(() => child.emit('exit', 15));
          return true;
        },
      }) as FakeUtilityProcess;
      utilityProcess.forked.push(child);
      utilityProcess.onFork(child);
      return child;
    },
  };

  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret' as string,
    isEncryptionAvailable: (): boolean => safeStorage.available,
    getSelectedStorageBackend: (): string => safeStorage.backend,
    // Reversible and visibly not the plaintext, which is all the tests need.
    encryptString: (text: string): Buffer => Buffer.from(`wrapped:${Buffer.from(text).reverse().toString('hex')}`),
    decryptString: (data: Buffer): string => {
      const text = data.toString();
      if (!text.startsWith('wrapped:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice('wrapped:'.length), 'hex').reverse().toString();
    },
  };

  const dialog = {
    errors: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string): void {
      dialog.errors.push({ title, content });
    },
  };

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu,
    dialog,
    ipcMain,
    ipcRenderer,
    contextBridge,
    protocol,
    safeStorage,
    session: { defaultSession },
    shell,
    utilityProcess,
    webContents: { getAllWebContents: () => allContents.filter((c) => !c.isDestroyed()) },
    /** Test controls, not part of Electron. */
    log,
    createContents,
    async emitReady(): Promise<void> {
      ready = true;
      log.push('app.ready');
      resolveReady();
      app.emit('ready');
      await readyPromise;
      // let whenReady().then(...) handlers run
      await new Promise((resolve) => setImmediate(resolve));
    },
    resetReady(): void {
      ready = false;
      readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

