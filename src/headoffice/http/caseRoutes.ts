import type { FastifyInstance } from 'fastify';
import type { HeadOfficeDb } from '../db/open.js';
import { listEscalatedCases } from '../cases/service.js';

/**
 * Escalated and overdue cases of every branch (S1) over the admin API:
 * GET /admin/cases/escalated?level=1|2&branch=JKT01&department=service&offset=&limit=
 * (documented in docs/headoffice.md). Registered inside the admin plugin.
 */
type ListQuery = { Querystring: Record<string, string | undefined> };

export function registerCaseRoutes(admin: FastifyInstance, { db, clock }: { db: HeadOfficeDb; clock: () => Date }): void {
  admin.get<ListQuery>('/cases/escalated', async (request) => {
    const { level, branch, department, offset, limit, ...unknown } = request.query;
    const input: Record<string, unknown> = { ...unknown };
    // Query strings are text: whole numbers become numbers, anything else is left for validation to refuse.
    const number = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : v);
    if (level !== undefined) input.level = number(level);
    if (branch !== undefined) input.branch = branch;
    if (department !== undefined) input.department = department;
    if (offset !== undefined) input.offset = number(offset);
    if (limit !== undefined) input.limit = number(limit);
    return { ok: true, value: await listEscalatedCases(db, input, clock()) };
  });
}
