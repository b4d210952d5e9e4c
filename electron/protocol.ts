import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './constants.js';

/**
 * The app:// scheme: the UI is served from dist/ui through our own handler,
 * never from file:// (which would give every page read access to the disk and
 * an opaque origin that cannot carry a CSP or pass the IPC origin check).
 */

/** Must run before app 'ready' (Electron refuses it later). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function securityHeaders(extra: Record<string, string> = {}): Headers {
  return new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    ...extra,
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }) });
}

/**
 * The file under rootDir that an app:// URL names, or null when the URL is
 * not ours or would leave rootDir. Checked after percent-decoding, because
 * `..%2f` is one URL segment but two path segments.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escape
  }
  // Backslashes are separators on Windows and NUL truncates paths in native code: neither has a use here.
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) return null;
  return full;
}

export interface FileAccess {
  stat(file: string): Promise<{ isFile(): boolean }>;
  readFile(file: string): Promise<Uint8Array<ArrayBuffer>>;
}

const nodeFiles: FileAccess = {
  stat: (file) => fs.stat(file),
  readFile: async (file) => {
    const data = await fs.readFile(file);
    // readFile never hands out a SharedArrayBuffer; the view only narrows the type for Response.
    return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  },
};

/** The handler given to protocol.handle('app', ...): static files from rootDir, 404 for anything else. */
export function createAppFileHandler(rootDir: string, files: FileAccess = nodeFiles): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppPath(rootDir, request.url);
    if (!file) return plain(404, 'Not found');
    try {
      if (!(await files.stat(file)).isFile()) return plain(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await files.readFile(file);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: securityHeaders({ 'Content-Type': type }) });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

/** After 'ready': serve dist/ui on app:// in the default session. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppFileHandler(rootDir));
}
