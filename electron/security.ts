import type { Session, WebContents } from 'electron';
import { isAppUrl } from './constants.js';

/**
 * Guards that every webContents and session gets, whatever created it.
 * Installed from app.on('web-contents-created'), so a window added later
 * cannot forget them.
 */

/**
 * The URL to hand to the OS browser, or null. Only plain http(s) links with a
 * host and no credentials: never file:, javascript:, custom schemes or UNC
 * paths that would make the OS run or open something local.
 */
export function validateExternalUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.toString();
}

/** As Actual Budget does: validate here, let the caller inject the effect (shell.openExternal). */
export function openExternalUrl(value: string, open: (url: string) => unknown): boolean {
  const url = validateExternalUrl(value);
  if (!url) return false;
  void Promise.resolve()
    .then(() => open(url))
    .catch(() => undefined); // no browser configured: nothing sensible to do
  return true;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface ContentsEffects {
  /** shell.openExternal in the app; a fake in tests. */
  openExternal(url: string): unknown;
  /** Main's own reports window, for the UI's "open reports" button (window.open of #/reports). */
  openReports?(): void;
}

/** True for our page with a #/reports route, however the UI spelled the rest of the URL. */
export function isReportsRequest(value: string): boolean {
  return isAppUrl(value) && new URL(value).hash.startsWith('#/reports');
}

export function hardenWebContents(contents: GuardedContents, effects: ContentsEffects): void {
  // The page may only ever be our own UI; a link or script that tries to go
  // elsewhere (https://, file://) is stopped before Chromium starts loading it.
  const stayOnApp = (event: { preventDefault(): void; url?: string }, url?: string): void => {
    const target = event.url ?? url ?? '';
    if (!isAppUrl(target)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-frame-navigate', (details) => stayOnApp(details, details.url));

  // The page never gets a window of its own (no opener, no options it chose).
  // A plain web link goes to the OS browser; a request for the reports view
  // makes main open its reports window, on main's URL, with main's options.
  contents.setWindowOpenHandler(({ url }) => {
    if (isReportsRequest(url)) effects.openReports?.();
    else openExternalUrl(url, effects.openExternal);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  // A CRM needs no camera, microphone, location, notifications, USB or clipboard-read grants.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
