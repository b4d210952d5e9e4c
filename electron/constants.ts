/**
 * Names the shell, the preload and the tests agree on. Pure: the sandboxed
 * preload bundles this file, so it must not import Node or Electron.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'simpul';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Hash routes: the UI is one index.html, so every window loads the same file. */
export const FRONT_OFFICE_URL = `${APP_ORIGIN}/index.html#/`;
export const REPORTS_URL = `${APP_ORIGIN}/index.html#/reports`;

export const IPC_INVOKE = 'simpul:invoke';
export const IPC_EVENT = 'simpul:event';

/** Sent as a response header on every app:// response, including errors. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Procedure names are short dotted words; anything else never reaches the core. */
export const MAX_METHOD_LENGTH = 100;

/**
 * True only for URLs on our own origin. Parsed, not prefix-matched, so
 * `app://simpul.evil/` or `app://x@simpul/` do not pass.
 */
export function isAppUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
