import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/constants.js';
import { createAppFileHandler, installAppProtocol, registerAppScheme, resolveAppPath } from '../../../electron/protocol.js';
import { createFakeElectron } from '../../fakes/electron.js';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

// A sandbox with dist/ui inside it and a secret file next to it, to see whether requests can climb out.
let sandbox: string;
let uiRoot: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  sandbox = mkdtempSync(path.join(os.tmpdir(), 'simpul-protocol-'));
  uiRoot = path.join(sandbox, 'dist', 'ui');
  mkdirSync(path.join(uiRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(uiRoot, 'index.html'), '<!doctype html><title>Simpul</title>');
  writeFileSync(path.join(uiRoot, 'assets', 'main-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(uiRoot, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(sandbox, 'dist', 'secret.txt'), 'customer data');
  writeFileSync(path.join(sandbox, 'secret.txt'), 'customer data');
  handler = createAppFileHandler(uiRoot);
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// scheme registration', () => {
  it('registers app as standard, secure and fetch-capable, before ready', () => {
    const fake = createFakeElectron();
    registerAppScheme(fake.protocol as unknown as Parameters<typeof registerAppScheme>[0]);
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('installs the file handler for the app scheme', async () => {
    const fake = createFakeElectron();
    await fake.emitReady();
    installAppProtocol(fake.protocol as unknown as Parameters<typeof installAppProtocol>[0], uiRoot);
    const installed = fake.protocol.handlers.get('app')!;
    const response = await installed(new Request('app://simpul/index.html'));
    expect(response.status).toBe(200);
  });
});

describe('app:// file handler', () => {
  it('serves index.html with the strict CSP header', async () => {
    const response = await get('app://simpul/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Simpul</title>');
  });

  it('serves index.html for the bare origin and ignores the hash route', async () => {
    expect(await (await get('app://simpul/')).text()).toContain('Simpul');
    expect((await get('app://simpul/index.html#/reports')).status).toBe(200);
  });

  it('serves assets with a JavaScript or CSS type (module scripts need the right MIME type)', async () => {
    const script = await get('app://simpul/assets/main-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://simpul/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://simpul/../../etc/passwd',
    'app://simpul/../secret.txt',
    'app://simpul/%2e%2e/secret.txt',
    'app://simpul/..%2fsecret.txt',
    'app://simpul/..%2f..%2fsecret.txt',
    'app://simpul/assets/..%2f..%2fsecret.txt',
    'app://simpul/..%5csecret.txt',
    'app://simpul/%2fetc%2fpasswd',
    'app://simpul/index.html%00.png',
    'app://simpul/%E0%A4%A',
    'app://simpul/nothing-here.js',
    'app://simpul/assets',
    'app://other/index.html',
    'app://simpul.evil/index.html',
  ])('refuses %s with 404 and still sends the CSP', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).not.toContain('customer data');
  });

  it('never resolves a path outside the UI root', () => {
    for (const url of ['app://simpul/../../etc/passwd', 'app://simpul/..%2f..%2fetc%2fpasswd', 'app://simpul/%2e%2e%2f%2e%2e%2fetc/passwd']) {
      const file = resolveAppPath(uiRoot, url);
      expect(file === null || file.startsWith(uiRoot + path.sep), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppPath(uiRoot, 'app://simpul/assets/main-abc123.js')).toBe(path.join(uiRoot, 'assets', 'main-abc123.js'));
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://simpul/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://simpul/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });
});
