import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpSyncTarget, SyncTransportError } from '../../../src/branch/sync/target.js';
import { MAX_BODY_BYTES, PULL_NEXT_HEADER } from '../../../src/shared/sync/protocol.js';

/**
 * The branch's HTTP client of the head office (node:http, the answer read
 * whole and inflated at once): what it sends, what it takes, and how it
 * fails.
 */
let server: Server | null = null;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

const pull = { nodeId: 'node1234', schemaVersion: 4, cursor: null, limit: 10 };

describe('HttpSyncTarget', () => {
  it('sends JSON with the credential and takes a gzip answer', async () => {
    let seen: { auth?: string; type?: string; body?: unknown } = {};
    const url = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, type: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString()) };
        const rows = Array.from({ length: 300 }, (_, i) => ({ table: 'customers', rowId: `c${i}`, version: i + 1, hlc: 'x', fields: { full_name: `Pelanggan ${i}` } }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ ok: true, value: { rows, cursor: '300', hasMore: false } })));
      });
    });
    const page = await new HttpSyncTarget({ baseUrl: url, credential: 'id.secret' }).pull(pull);
    expect(seen).toEqual({ auth: 'Bearer id.secret', type: 'application/json', body: pull });
    expect(page.rows).toHaveLength(300);
    expect(page.rows[299]).toEqual({ table: 'customers', rowId: 'c299', version: 300, hlc: 'x', fields: { full_name: 'Pelanggan 299' } });
    expect(page.cursor).toBe('300');
  });

  it("tells the page's cursor from the answer's headers before the page is read, and ignores a header it cannot read", async () => {
    for (const [header, told] of [
      ['4242 true', [{ cursor: '4242', hasMore: true }]],
      ['4242 maybe', []],
    ] as const) {
      const url = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', [PULL_NEXT_HEADER]: header });
        res.end(JSON.stringify({ ok: true, value: { rows: [], cursor: '4242', hasMore: true } }));
      });
      const heard: unknown[] = [];
      const page = await new HttpSyncTarget({ baseUrl: url }).pull(pull, (next) => heard.push(next));
      expect(heard).toEqual(told);
      expect(page.cursor).toBe('4242');
      server?.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    }
  });

  it("passes on the head office's error with its code", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { code: 'CONFLICT', message: 'sudah ada' } }));
    });
    const error = await new HttpSyncTarget({ baseUrl: url }).pull(pull).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncTransportError);
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: false });
  });

  it('refuses an answer that inflates past the limit (a gzip bomb), retryably', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * MAX_BODY_BYTES + 1024, 0x20));
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const error = await new HttpSyncTarget({ baseUrl: url }).pull(pull).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect((error as Error).message).toMatch(/unreadable answer/);
  });

  it('says the head office is unreachable when nothing listens, and gives up on a silent one after its timeout', async () => {
    const closed = await new HttpSyncTarget({ baseUrl: 'http://127.0.0.1:1' }).pull(pull).catch((e: unknown) => e);
    expect(closed).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect((closed as Error).message).toMatch(/head office unreachable/);
    const url = await serve(() => {}); // never answers
    const started = Date.now();
    const silent = await new HttpSyncTarget({ baseUrl: url, timeoutMs: 300 }).pull(pull).catch((e: unknown) => e);
    expect(silent).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
