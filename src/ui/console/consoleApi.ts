import { makeError, type Result } from '../../shared/api/errors.js';
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
