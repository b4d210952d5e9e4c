import { makeError, type ApiError, type Result } from '../../shared/api/errors.js';
import { currentLocale } from '../i18n/index.js';

/**
 * Calls to the head office's admin API from the console, same origin. The
 * admin key travels only in the Authorization header (never in a URL, so it
 * is in no history, log or Referer). NOT_SIGNED_IN or FORBIDDEN means the key
 * is wrong or was revoked: the console goes back to its sign-in.
 */

let adminKey: string | null = null;
let onKeyRefused: (() => void) | null = null;

export function setAdminKey(key: string | null): void {
  adminKey = key;
}

export function setKeyRefusedHandler(handler: (() => void) | null): void {
  onKeyRefused = handler;
}

export async function adminCall<T>(path: string, options: { method?: 'GET' | 'POST'; body?: unknown; key?: string } = {}): Promise<Result<T>> {
  const key = options.key ?? adminKey;
  const locale = currentLocale();
  const headers: Record<string, string> = { 'accept-language': locale, accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return { ok: false, error: makeError('UNAVAILABLE', locale) };
  }
  let body: Result<T> | null = null;
  try {
    const parsed = (await response.json()) as Result<T>;
    if (parsed && typeof parsed === 'object' && typeof parsed.ok === 'boolean') body = parsed;
  } catch {
    // not JSON: a proxy page or a cut-off answer
  }
  if (!body) return { ok: false, error: makeError('UNAVAILABLE', locale) };
  // Only the key's own refusals: BRANCH_REVOKED is a 403 about a branch, not about the key.
  if (!body.ok && (body.error.code === 'NOT_SIGNED_IN' || body.error.code === 'FORBIDDEN') && options.key === undefined) onKeyRefused?.();
  return body;
}

/**
 * Downloads a file the admin API makes (a report export): fetched with the
 * key in the header like every call, then handed to the browser's download
 * under the server's file name. Returns the error when the server refused.
 */
export async function adminDownload(path: string): Promise<ApiError | null> {
  const locale = currentLocale();
  const headers: Record<string, string> = { 'accept-language': locale };
  if (adminKey) headers.authorization = `Bearer ${adminKey}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  } catch {
    return makeError('UNAVAILABLE', locale);
  }
  if (!response.ok) {
    try {
      const body = (await response.json()) as Result<never>;
      if (body && body.ok === false) {
        if ((body.error.code === 'NOT_SIGNED_IN' || body.error.code === 'FORBIDDEN')) onKeyRefused?.();
        return body.error;
      }
    } catch {
      // not JSON
    }
    return makeError('UNAVAILABLE', locale);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'simpul-laporan';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
