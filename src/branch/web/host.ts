import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { HTTP } from '../../shared/api/transport.js';
import { ERRORS, makeError, type ErrorCode, type Locale } from '../../shared/api/errors.js';
import type { BranchCore } from '../core.js';

/**
 * Browser mode: the same UI and the same core, on 127.0.0.1 only. Every API
 * request must carry this start's secret (a header the page's own script
 * sets, which no other site can send without a CORS preflight we never
 * grant), and a Host header naming this loopback address (against DNS
 * rebinding). Static files of the built UI are public: they hold no data.
 */

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface WebHostOptions {
  core: BranchCore;
  /** Built UI (vite build output). */
  uiDir: string;
  secret?: string;
}

export interface WebHost {
  app: FastifyInstance;
  secret: string;
  listen(port: number): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

export function createWebHost(options: WebHostOptions): WebHost {
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const secretBytes = Buffer.from(secret);
  const app = Fastify({ bodyLimit: HTTP.maxBodyBytes, logger: false });
  let allowedHosts = new Set<string>();
  // Only JSON reaches the dispatcher; any other body type is refused as BAD_REQUEST.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  const localeOf = (req: FastifyRequest): Locale => (req.headers['x-simpul-locale'] === 'en' ? 'en' : 'id');
  const fail = (reply: FastifyReply, code: ErrorCode, locale: Locale) =>
    reply.code(ERRORS[code].status).send({ ok: false, error: makeError(code, locale) });
  const secretMatches = (given: unknown) => {
    if (typeof given !== 'string') return false;
    const b = Buffer.from(given);
    return b.length === secretBytes.length && timingSafeEqual(b, secretBytes);
  };

  app.addHook('onRequest', async (req, reply) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (allowedHosts.size > 0 && !allowedHosts.has(req.headers.host ?? '')) {
      return fail(reply, 'FORBIDDEN', localeOf(req));
    }
    if (req.url.startsWith('/api/')) {
      const given = req.url.startsWith(HTTP.eventsPath)
        ? new URL(req.url, 'http://x').searchParams.get('secret')
        : req.headers[HTTP.secretHeader];
      if (!secretMatches(given)) return fail(reply, 'BAD_SECRET', localeOf(req));
    }
  });

  // Body errors (malformed JSON, too large, wrong content type) get the contract's codes.
  app.setErrorHandler((error: { code?: string; statusCode?: number }, req, reply) => {
    const code: ErrorCode =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'PAYLOAD_TOO_LARGE'
        : error.statusCode && error.statusCode < 500
          ? 'BAD_REQUEST'
          : 'INTERNAL';
    if (code === 'INTERNAL') console.error('[simpul] web host error:', error);
    return fail(reply, code, localeOf(req));
  });

  app.post<{ Params: { method: string } }>(`${HTTP.rpcPath}:method`, async (req, reply) => {
    const session = req.headers[HTTP.sessionHeader];
    const result = await options.core.call(typeof session === 'string' ? session : null, req.params.method, req.body ?? {}, {
      locale: localeOf(req),
    });
    const status = result.ok ? 200 : ERRORS[result.error.code].status;
    return reply.code(status).send(result);
  });

  app.get(HTTP.eventsPath, (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'content-security-policy': CSP,
    });
    reply.raw.write(': connected\n\n');
    const off = options.core.onEvent((event) => reply.raw.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      off();
    });
  });

  if (existsSync(options.uiDir)) {
    app.register(fastifyStatic, { root: options.uiDir, index: 'index.html', cacheControl: false });
  } else {
    app.get('/', (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('The UI is not built. Run "npm run web", which builds it first.'),
    );
  }

  return {
    app,
    secret,
    async listen(port: number) {
      await app.listen({ host: '127.0.0.1', port });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      allowedHosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
      return { port: actual, url: `http://127.0.0.1:${actual}/#secret=${secret}` };
    },
    close: () => app.close(),
  };
}
