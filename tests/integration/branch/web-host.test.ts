import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBranch, rowCounts, type TestBranch } from '../../support/branch.js';
import { createWebHost, type WebHost } from '../../../src/branch/web/host.js';
import { HTTP } from '../../../src/shared/api/transport.js';

let b: TestBranch;
let host: WebHost;
let base: string;

beforeAll(async () => {
  b = await makeBranch();
  const uiDir = mkdtempSync(join(tmpdir(), 'simpul-ui-'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Simpul</title>');
  host = createWebHost({ core: b.core, uiDir });
  const { port } = await host.listen(0);
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await host.close();
  b.cleanup();
});

function rpc(method: string, body: string | undefined, headers: Record<string, string> = {}) {
  return fetch(`${base}${HTTP.rpcPath}${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [HTTP.secretHeader]: host.secret,
      [HTTP.sessionHeader]: b.session,
      ...headers,
    },
    body,
  });
}

describe('browser-mode host', () => {
  it('runs a procedure for a request with the secret and a session', async () => {
    const res = await rpc('customers.create', JSON.stringify({ fullName: 'Budi', phones: [{ number: '0812 3456 7890' }] }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.value.phones[0].e164).toBe('+6281234567890');
  });

  it.each([
    ['no secret', { [HTTP.secretHeader]: '' }],
    ['a wrong secret', { [HTTP.secretHeader]: 'x'.repeat(48) }],
  ])('refuses %s with BAD_SECRET and writes nothing', async (_label, headers) => {
    const before = rowCounts(b.core);
    const res = await rpc('customers.create', JSON.stringify({ fullName: 'Penyusup' }), headers);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('BAD_SECRET');
    expect(rowCounts(b.core)).toEqual(before);
  });

  it('refuses malformed JSON with BAD_REQUEST', async () => {
    const res = await rpc('customers.create', '{"fullName": "Budi",');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
  });

  it('refuses a body that is not JSON', async () => {
    const res = await rpc('customers.create', 'fullName=Budi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
  });

  it('refuses an oversized request with PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const before = rowCounts(b.core);
    const res = await rpc('customers.create', JSON.stringify({ fullName: 'B', notes: 'x'.repeat(HTTP.maxBodyBytes) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(rowCounts(b.core)).toEqual(before);
  });

  it('refuses an unknown procedure and a wrong type with stable codes', async () => {
    const unknown = await rpc('customers.truncate', '{}');
    expect([unknown.status, (await unknown.json()).error.code]).toEqual([404, 'UNKNOWN_METHOD']);
    const wrong = await rpc('customers.create', JSON.stringify({ fullName: 42 }));
    const body = await wrong.json();
    expect([wrong.status, body.error.code, body.error.fields[0].path]).toEqual([400, 'VALIDATION_FAILED', ['fullName']]);
  });

  it('refuses a request without a session', async () => {
    const res = await rpc('customers.list', '{}', { [HTTP.sessionHeader]: '' });
    expect([res.status, (await res.json()).error.code]).toEqual([401, 'NOT_SIGNED_IN']);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/`, { headers: { host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the UI with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>Simpul</title>');
  });

  it('streams core events to a subscriber with the secret', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}${HTTP.eventsPath}?secret=${host.secret}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    const created = await (await rpc('customers.create', JSON.stringify({ fullName: 'Siti' }))).json();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain(`"ids":["${created.value.id}"]`);
    controller.abort();
    const denied = await fetch(`${base}${HTTP.eventsPath}?secret=wrong`);
    expect(denied.status).toBe(401);
  });
});
