import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The head-office console's pages: the built React app (vite.console.config.ts
 * -> dist/console) at /console/. The files hold no data: every number on
 * screen comes from /admin/*, which needs the admin key the person types in.
 */
export const CONSOLE_PREFIX = '/console/';

/** Where `npm run build:console` puts the console, relative to this file (src/headoffice/http). */
export const DEFAULT_CONSOLE_DIR = resolve(fileURLToPath(import.meta.url), '../../../../dist/console');

// The same policy as the branch's browser mode: nothing but this origin's own scripts and API.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function registerConsolePages(app: FastifyInstance, consoleDir: string): void {
  app.get('/console', (_request, reply) => reply.redirect(CONSOLE_PREFIX));
  if (!existsSync(resolve(consoleDir, 'index.html'))) {
    app.get(CONSOLE_PREFIX, (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Konsol kantor pusat belum dibangun: jalankan "npm run build:console".\nThe head-office console is not built: run "npm run build:console".\n'),
    );
    return;
  }
  app.register(async (pages) => {
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
    });
    await pages.register(fastifyStatic, { root: consoleDir, prefix: CONSOLE_PREFIX, index: 'index.html', cacheControl: false, decorateReply: false });
  });
}
