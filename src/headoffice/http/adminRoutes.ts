import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/api/errors.js';
import { isAdminToken } from '../admin/adminTokens.js';
import { addBranch, listBranches, revokeBranch } from '../branches/registry.js';
import type { HeadOfficeDb } from '../db/open.js';
import { issueEnrolmentToken } from '../enrolment/tokens.js';
import { syncHealth } from '../sync/health.js';
import { dismissDuplicate, listDuplicates, mergeCustomers, undoMerge } from '../sync/duplicates.js';
import { listConflictsForBranch, resolveConflicts } from '../sync/conflicts.js';
import { parseInput } from '../errors.js';
import { registerCatalogueRoutes } from './catalogueRoutes.js';
import { runHeadOfficeReport } from '../reports/index.js';
import { reviewHeadOfficeAnomaly } from '../reports/anomalies.js';
import { COMPARED_REPORTS, buildComparison, comparisonDocument } from '../reports/comparison.js';
import { REPORT_MIME_TYPES } from '../../shared/reports/render/document.js';
import { renderReportFile } from '../../shared/reports/render/file.js';
import { localeFromAcceptLanguage } from './locale.js';
import { registerCaseRoutes } from './caseRoutes.js';
import { registerConsoleRoutes } from './consoleRoutes.js';
import { z } from 'zod';

/**
 * Admin API: the branch registry over HTTP. Every route needs
 * `Authorization: Bearer <admin key>`; the key is checked against the
 * database on each request, so a revoked key stops working on every process.
 */

interface AdminDeps {
  db: HeadOfficeDb;
  clock: () => Date;
}

type BranchParams = { Params: { id: string } };

export function registerAdminRoutes(admin: FastifyInstance, { db, clock }: AdminDeps): void {
  // onRequest runs before the body is read: an anonymous caller cannot make us parse 1 MiB.
  admin.addHook('onRequest', async (request) => {
    await requireAdmin(db, request);
  });
  admin.addHook('onSend', async (_request, reply) => {
    // Responses carry enrolment tokens and the branch list: no proxy or browser may keep them.
    reply.header('cache-control', 'no-store');
  });

  admin.post('/branches', async (request, reply) => {
    const branch = await addBranch(db, request.body, clock());
    return reply.code(201).send({ ok: true, value: branch });
  });

  admin.get('/branches', async () => ({ ok: true, value: await listBranches(db) }));

  admin.post<BranchParams>('/branches/:id/enrolment-tokens', async (request, reply) => {
    const issued = await issueEnrolmentToken(db, request.params.id, request.body ?? {}, clock());
    return reply.code(201).send({ ok: true, value: issued });
  });

  admin.get('/sync-health', async () => ({ ok: true, value: await syncHealth(db, clock()) }));

  // Consolidated reports over every branch, each with its per-branch comparison (REQUIREMENTS A8).
  // Query parameters: from, to (every report), status and rule (anomalies), horizon and refit=1 (prediction); unknown or misplaced ones are refused.
  admin.get<{ Params: { name: string }; Querystring: Record<string, string> }>('/reports/:name', async (request) => {
    return { ok: true, value: await runHeadOfficeReport(db, request.params.name, { ...(request.query ?? {}) }, clock()) };
  });
  // The head office's own reviewed marks on anomaly flags (A5); they do not travel to the branches.
  admin.post('/reports/anomalies/reviews', async (request) => ({ ok: true, value: await reviewHeadOfficeAnomaly(db, request.body, clock()) }));

  // The same report as a file (A8): the branch comparison and its lists in CSV, Excel or PDF.
  admin.get<{ Params: { name: string }; Querystring: Record<string, string> }>('/reports/:name/export', async (request, reply) => {
    const input = parseInput(
      z.strictObject({ format: z.enum(['csv', 'xlsx', 'pdf']), from: z.string().optional(), to: z.string().optional() }),
      request.query ?? {},
    );
    if (!(COMPARED_REPORTS as readonly string[]).includes(request.params.name)) throw new AppError('NOT_FOUND');
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    const now = clock();
    const report = await runHeadOfficeReport(db, request.params.name, { from: input.from, to: input.to }, now);
    const file = await renderReportFile(comparisonDocument(buildComparison(request.params.name, report, locale), locale), input.format);
    const fileName = `simpul-kantor-pusat-${request.params.name}-${now.toISOString().slice(0, 10)}.${input.format}`;
    return reply
      .header('content-type', REPORT_MIME_TYPES[input.format])
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(file);
  });

  // Conflict review at the head office: every branch's conflicts, and decisions on them.
  admin.get('/conflicts', async () => ({ ok: true, value: await listConflictsForBranch(db, null, 0) }));
  admin.post('/conflicts/resolve', async (request) => {
    const input = parseInput(
      z.strictObject({ resolutions: z.array(z.strictObject({ id: z.string().max(64), status: z.enum(['kept', 'reversed']), by: z.string().min(1).max(100) })).max(1000) }),
      request.body,
    );
    return { ok: true, value: await resolveConflicts(db, null, input.resolutions, clock()) };
  });

  // Duplicates across branches (B6).
  admin.get<{ Querystring: { status?: string } }>('/duplicates', async (request) => ({
    ok: true,
    value: await listDuplicates(db, request.query.status === 'all' ? 'all' : 'open'),
  }));
  admin.post('/duplicates/merge', async (request) => {
    const input = parseInput(
      z.strictObject({ winnerId: z.string().min(1).max(64), loserId: z.string().min(1).max(64), candidateId: z.string().max(64).optional(), by: z.string().min(1).max(100) }),
      request.body,
    );
    return { ok: true, value: await mergeCustomers(db, input, clock()) };
  });
  admin.post('/duplicates/undo', async (request) => {
    const input = parseInput(z.strictObject({ mergeId: z.string().min(1).max(64), by: z.string().min(1).max(100) }), request.body);
    return { ok: true, value: await undoMerge(db, input.mergeId, input.by, clock()) };
  });
  admin.post('/duplicates/dismiss', async (request) => {
    const input = parseInput(z.strictObject({ id: z.string().min(1).max(64), by: z.string().min(1).max(100) }), request.body);
    await dismissDuplicate(db, input.id, input.by, clock());
    return { ok: true, value: { dismissed: true } };
  });

  admin.post<BranchParams>('/branches/:id/revoke', async (request) => {
    return { ok: true, value: await revokeBranch(db, request.params.id, clock()) };
  });

  // The product and service catalogue (S5): reference data every branch receives.
  registerCatalogueRoutes(admin, { db, clock });

  // Escalated and overdue cases of every branch (S1), from the synced rows.
  registerCaseRoutes(admin, { db, clock });

  // What the head-office console reads (/admin/console/*).
  registerConsoleRoutes(admin, { db, clock });
}

async function requireAdmin(db: HeadOfficeDb, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
  if (!match) throw new AppError('NOT_SIGNED_IN', undefined, 'no admin bearer token');
  if (!(await isAdminToken(db, match[1]))) throw new AppError('FORBIDDEN', undefined, 'unknown or revoked admin token');
}
