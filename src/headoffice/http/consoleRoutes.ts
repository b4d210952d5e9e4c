import type { FastifyInstance } from 'fastify';
import { conflictListQuery, duplicateListQuery, resolveConflictBody } from '../../shared/console/api.js';
import { resolveConsoleConflict, listConsoleConflicts } from '../console/conflicts.js';
import { listConsoleDuplicates } from '../console/duplicates.js';
import { consoleOverview } from '../console/overview.js';
import type { HeadOfficeDb } from '../db/open.js';
import { parseInput } from '../errors.js';
import { runHeadOfficeReport } from '../reports/index.js';
import { COMPARED_REPORTS, buildComparison } from '../reports/comparison.js';
import { AppError } from '../../shared/api/errors.js';
import { consoleReportQuery } from '../../shared/console/api.js';
import { localeFromAcceptLanguage } from './locale.js';

/**
 * What the head-office console reads (and its one decision of its own, on a
 * conflict), under /admin/console/. Registered inside the admin plugin, so
 * every route needs the admin key like the rest of /admin. Shapes and input
 * schemas: src/shared/console/api.ts; documented in docs/headoffice.md.
 */
type Query = { Querystring: unknown };
type ConflictParams = { Params: { id: string } };

export function registerConsoleRoutes(admin: FastifyInstance, { db, clock }: { db: HeadOfficeDb; clock: () => Date }): void {
  admin.get('/console/overview', async () => ({ ok: true, value: await consoleOverview(db, clock()) }));

  admin.get<Query>('/console/conflicts', async (request) => {
    const { status } = parseInput(conflictListQuery, request.query ?? {});
    return { ok: true, value: await listConsoleConflicts(db, status) };
  });

  admin.post<ConflictParams>('/console/conflicts/:id/resolve', async (request) => {
    const input = parseInput(resolveConflictBody, request.body);
    return { ok: true, value: await resolveConsoleConflict(db, request.params.id, input, clock()) };
  });

  // A consolidated report as the branch comparison the console's report screen draws (table, chart, lists).
  admin.get<{ Params: { name: string }; Querystring: unknown }>('/console/reports/:name', async (request) => {
    const query = parseInput(consoleReportQuery, request.query ?? {});
    if (!(COMPARED_REPORTS as readonly string[]).includes(request.params.name)) throw new AppError('NOT_FOUND');
    // refit is the prediction's; another report refuses it (runHeadOfficeReport), as the admin API does.
    const report = await runHeadOfficeReport(db, request.params.name, query, clock());
    return { ok: true, value: buildComparison(request.params.name, report, localeFromAcceptLanguage(request.headers['accept-language'])) };
  });

  admin.get<Query>('/console/duplicates', async (request) => {
    const { status } = parseInput(duplicateListQuery, request.query ?? {});
    return { ok: true, value: await listConsoleDuplicates(db, status) };
  });
}
