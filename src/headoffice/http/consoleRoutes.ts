import type { FastifyInstance } from 'fastify';
import { conflictListQuery, duplicateListQuery, resolveConflictBody } from '../../shared/console/api.js';
import { resolveConsoleConflict, listConsoleConflicts } from '../console/conflicts.js';
import { listConsoleDuplicates } from '../console/duplicates.js';
import { consoleOverview } from '../console/overview.js';
import type { HeadOfficeDb } from '../db/open.js';
import { parseInput } from '../errors.js';

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

  admin.get<Query>('/console/duplicates', async (request) => {
    const { status } = parseInput(duplicateListQuery, request.query ?? {});
    return { ok: true, value: await listConsoleDuplicates(db, status) };
  });
}
