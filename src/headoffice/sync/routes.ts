import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { gzip, createGunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { AppError } from '../../shared/api/errors.js';
import {
  MAX_BODY_BYTES,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PULL_NEXT_HEADER,
  SYNC_PATHS,
  enrolRequest,
  fetchCustomerRequest,
  helloRequest,
  pullRequest,
  pushRequest,
} from '../../shared/sync/protocol.js';
import { MIN_SYNC_SCHEMA_VERSION, SYNC_SCHEMA_VERSION } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import { parseInput } from '../errors.js';
import { authenticateBranch, enrolBranch, ensurePullNode, parseCredential, type AuthedBranch } from './auth.js';
import { recordHello } from './hello.js';
import { pushChanges } from './push.js';
import { fetchCustomer, pullChanges, scopeChecksum } from './pull.js';
import { listConflictsForBranch, resolveConflicts } from './conflicts.js';
import { z } from 'zod';

/**
 * The sync API. JSON bodies, gzip both ways (requests with
 * Content-Encoding: gzip; responses when the branch accepts gzip). The body
 * limit applies after decompression, so a small gzip bomb is still refused.
 * Every route but enrol needs the branch's credential.
 */
interface SyncDeps {
  db: HeadOfficeDb;
  clock: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    branch?: AuthedBranch;
  }
}

const gzipAsync = promisify(gzip);

export function registerSyncRoutes(app: FastifyInstance, { db, clock }: SyncDeps): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined || encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw new AppError('BAD_REQUEST', undefined, `unsupported content-encoding ${encoding}`);
    delete request.headers['content-length']; // the inflated length differs; fastify counts what it reads
    return payload.pipe(createGunzip());
  });
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (route === SYNC_PATHS.hello) {
      // Hello checks the credential in its own statement (hello.ts); no body is read without a well-formed one.
      parseCredential(request.headers.authorization);
      return;
    }
    if (request.url !== SYNC_PATHS.enrol) request.branch = await authenticateBranch(db, request.headers.authorization);
  });

  const send = (request: FastifyRequest, reply: FastifyReply, value: unknown) => sendJson(request, reply, JSON.stringify(value));
  /** `value` is JSON text already (a pull page PostgreSQL wrote). */
  const sendJson = async (request: FastifyRequest, reply: FastifyReply, value: string) => {
    const body = `{"ok":true,"value":${value}}`;
    reply.header('cache-control', 'no-store').type('application/json');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && body.length > 1024) {
      // On the thread pool: a page of thousands of rows is megabytes of JSON.
      return reply.header('content-encoding', 'gzip').send(await gzipAsync(body, { level: 1 }));
    }
    return reply.send(body);
  };
  const options = { bodyLimit: MAX_BODY_BYTES };

  app.post(SYNC_PATHS.enrol, options, async (request, reply) => {
    const input = parseInput(enrolRequest, request.body);
    return send(request, reply, await enrolBranch(db, input, clock()));
  });

  // A hello is a few hundred bytes (1,000 open conflict ids at most): no need to read 32 MiB before the credential is checked.
  app.post(SYNC_PATHS.hello, { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const credential = parseCredential(request.headers.authorization);
    let input: z.output<typeof helloRequest>;
    try {
      input = parseInput(helloRequest, request.body);
      if (input.protocol < MIN_PROTOCOL_VERSION || input.protocol > PROTOCOL_VERSION) {
        throw new AppError('UNAVAILABLE', undefined, `protocol ${input.protocol} is not served`);
      }
      if (input.schemaVersion < MIN_SYNC_SCHEMA_VERSION) {
        throw new AppError('UNAVAILABLE', undefined, `schema ${input.schemaVersion} is older than ${MIN_SYNC_SCHEMA_VERSION}: update the branch app`);
      }
    } catch (refusal) {
      // A refused credential is refused first, as on every route, whatever the body says.
      await authenticateBranch(db, request.headers.authorization);
      throw refusal;
    }
    const now = clock();
    const skew = Date.parse(input.clientTime) - now.getTime();
    const { branch, upToDate } = await recordHello(db, credential, input, skew, now);
    return send(request, reply, {
      // The version this conversation speaks: the branch's own (an older branch reads the answer it knows).
      protocol: input.protocol,
      serverTime: now.toISOString(),
      minSchemaVersion: MIN_SYNC_SCHEMA_VERSION,
      maxSchemaVersion: SYNC_SCHEMA_VERSION,
      branchId: branch.id,
      clockSkewMs: skew,
      ...(upToDate === undefined ? {} : { upToDate }),
    });
  });

  app.post(SYNC_PATHS.push, options, async (request, reply) => {
    const input = parseInput(pushRequest, request.body);
    return send(request, reply, await pushChanges(db, request.branch!, input, clock()));
  });

  app.post(SYNC_PATHS.pull, options, async (request, reply) => {
    const input = parseInput(pullRequest, request.body);
    const node = await ensurePullNode(db, request.branch!, input.nodeId, input.schemaVersion, clock());
    const page = await pullChanges(db, request.branch!, input, clock(), node.caughtUpSchema);
    reply.header(PULL_NEXT_HEADER, `${page.cursor} ${page.hasMore}`);
    return sendJson(request, reply, page.json);
  });

  app.post(SYNC_PATHS.fetchCustomer, options, async (request, reply) => {
    const input = parseInput(fetchCustomerRequest, request.body);
    return send(request, reply, await fetchCustomer(db, request.branch!, input, clock()));
  });

  app.post(SYNC_PATHS.checksum, options, async (request, reply) => {
    const input = parseInput(z.object({ schemaVersion: z.number().int().min(1) }).strict(), request.body);
    return send(request, reply, await scopeChecksum(db, request.branch!, input.schemaVersion));
  });

  app.post('/sync/conflicts', options, async (request, reply) => {
    const input = parseInput(
      z.object({ afterSeq: z.number().int().min(0), open: z.array(z.string().max(64)).max(1000).optional() }).strict(),
      request.body,
    );
    return send(request, reply, await listConflictsForBranch(db, request.branch!, input.afterSeq, input.open ?? []));
  });

  app.post('/sync/conflicts/resolve', options, async (request, reply) => {
    const input = parseInput(
      z.object({ resolutions: z.array(z.object({ id: z.string().max(64), status: z.enum(['kept', 'reversed']), by: z.string().max(100) }).strict()).max(1000) }).strict(),
      request.body,
    );
    return send(request, reply, await resolveConflicts(db, request.branch!, input.resolutions, clock()));
  });
}
