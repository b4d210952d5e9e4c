import type { Transport } from '../../shared/api/index.js';
import type { Locale } from '../../shared/api/errors.js';
import { HttpTransport } from './http.js';
import { IpcTransport } from './ipc.js';

/**
 * Picks the transport: Electron's preload bridge when present, otherwise the
 * browser-mode HTTP host. In browser mode the host opens
 * http://127.0.0.1:<port>/#secret=<hex>; the secret is moved into
 * sessionStorage and the hash becomes the route, so it never stays in the
 * address bar or the history.
 */
export interface AppTransport extends Transport {
  readonly mode: 'electron' | 'browser';
  /** Browser mode only: the token from auth.signIn travels with every call. */
  setSession(token: string | null): void;
  /** Hash to open another window of this app already connected (reports window). */
  handoffHash(route: string): string;
}

const SECRET_KEY = 'simpul.secret';
const SESSION_KEY = 'simpul.session';

export interface LaunchParams {
  route: string;
  secret: string | null;
  session: string | null;
}

/** Reads `#secret=..`, `#/reports?secret=..&session=..` or a plain `#/route`. */
export function parseLaunchHash(hash: string): LaunchParams {
  const raw = hash.replace(/^#/, '');
  const [path, query] = raw.startsWith('/') ? splitOnce(raw, '?') : ['', raw];
  const params = new URLSearchParams(query);
  const secret = params.get('secret');
  return {
    route: path || '/customers',
    secret: secret && /^[A-Za-z0-9_-]{8,256}$/.test(secret) ? secret : null,
    session: params.get('session'),
  };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

export function storedSession(): string | null {
  return sessionStorage.getItem(SESSION_KEY);
}

class ElectronTransport extends IpcTransport implements AppTransport {
  readonly mode = 'electron' as const;
  setSession(): void {
    // The main process keeps the session; nothing to carry here.
  }
  handoffHash(route: string): string {
    return `#${route}`;
  }
}

class BrowserTransport extends HttpTransport implements AppTransport {
  readonly mode = 'browser' as const;
  constructor(private readonly secret: string, locale: () => Locale) {
    super({ origin: window.location.origin, secret, locale });
  }
  override setSession(token: string | null): void {
    if (token) sessionStorage.setItem(SESSION_KEY, token);
    else sessionStorage.removeItem(SESSION_KEY);
    super.setSession(token);
  }
  handoffHash(route: string): string {
    const params = new URLSearchParams({ secret: this.secret });
    const session = storedSession();
    if (session) params.set('session', session);
    return `#${route}?${params.toString()}`;
  }
}

/** Null in browser mode when the page was opened without the host's secret. */
export function createTransport(locale: () => Locale): AppTransport | null {
  if (window.simpul) return new ElectronTransport(window.simpul, locale);

  const launch = parseLaunchHash(window.location.hash);
  if (launch.secret) sessionStorage.setItem(SECRET_KEY, launch.secret);
  if (launch.session) sessionStorage.setItem(SESSION_KEY, launch.session);
  if (launch.secret || launch.session || !window.location.hash.startsWith('#/')) {
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${launch.route}`);
  }
  // The host's address pasted into this tab later (first time, or after the host restarted
  // with a new secret) only changes the hash: start again with the new secret.
  window.addEventListener('hashchange', () => {
    const again = parseLaunchHash(window.location.hash);
    if (!again.secret) return;
    sessionStorage.setItem(SECRET_KEY, again.secret);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${again.route}`);
    window.location.reload();
  });
  const secret = sessionStorage.getItem(SECRET_KEY);
  if (!secret) return null;
  const transport = new BrowserTransport(secret, locale);
  transport.setSession(storedSession());
  return transport;
}
