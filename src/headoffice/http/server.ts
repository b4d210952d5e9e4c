import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { AppError, type ErrorCode, type Locale } from '../../shared/api/errors.js';
import { HTTP } from '../../shared/api/transport.js';
import { readSchemaVersion, type HeadOfficeDatabase } from '../db/open.js';
import { renderError } from '../errors.js';
import { APP_VERSION } from '../version.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { DEFAULT_CONSOLE_DIR, registerConsolePages } from './consolePages.js';
import { registerSyncRoutes } from '../sync/routes.js';
import { localeFromAcceptLanguage } from './locale.js';

/**
 * The head-office HTTP server. It holds no state of its own: every request
 * reads and writes the database, so any number of these processes can stand
 * behind one load balancer over one PostgreSQL.
 *
 * Routes: GET /health; /admin/* (admin key); /sync/* (branch credential);
 * /console/ (the head-office console's pages, which call /admin/*).
 */

export interface ServerDeps {
  database: Pick<HeadOfficeDatabase, 'db' | 'driver'>;
  version?: string;
  /** Injected so tests can move time (token expiry); defaults to the wall clock. */
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** The built head-office console (dist/console); served at /console/. */
  consoleDir?: string;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8470;
export const SYNC_PREFIX = '/sync/';

export function buildServer(deps: ServerDeps): FastifyInstance {
  const clock = deps.clock ?? (() => new Date());
  const version = deps.version ?? APP_VERSION;
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: HTTP.maxBodyBytes });
  // JSON only: fastify would otherwise hand a text/plain body to the handlers as a string.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') { request.log.error({ err: error }, 'request failed'); if (process.env.SIMPUL_DEBUG) console.error(error); }
    sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, new AppError('UNKNOWN_METHOD', undefined, `${request.method} ${request.url}`));
  });

  app.get('/health', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const time = clock().toISOString();
    try {
      const schemaVersion = await readSchemaVersion(deps.database.db);
      return { status: 'ok', database: deps.database.driver, schemaVersion, version, time };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database query failed');
      return reply.code(503).send({ status: 'unavailable', time });
    }
  });

  app.register(
    async (admin) => {
      registerAdminRoutes(admin, { db: deps.database.db, clock });
    },
    { prefix: '/admin' },
  );

  registerConsolePages(app, deps.consoleDir ?? DEFAULT_CONSOLE_DIR);

  app.register(
    async (sync) => {
      registerSyncRoutes(sync, { db: deps.database.db, clock });
    },
  );

  return app;
}

function requestLocale(request: FastifyRequest): Locale {
  return localeFromAcceptLanguage(request.headers['accept-language']);
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): void {
  const { status, error: body } = renderError(error, requestLocale(request));
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  void reply.code(status).send({ ok: false, error: body });
}

// fastify's own errors (body parsing, limits) carry codes of their own; map them onto ours.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  const mapped = code ? FASTIFY_CODES[code] : undefined;
  if (mapped) return new AppError(mapped, undefined, code);
  if (statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  // Any other 4xx from fastify itself is a request we could not read.
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return new AppError('BAD_REQUEST', undefined, code);
  return new AppError('INTERNAL', undefined, error instanceof Error ? error.message : String(error));
}
