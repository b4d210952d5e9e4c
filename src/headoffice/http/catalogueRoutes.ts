import type { FastifyInstance } from 'fastify';
import type { HeadOfficeDb } from '../db/open.js';
import {
  addCatalogueItem,
  getCatalogueItem,
  listCatalogue,
  restoreCatalogueItem,
  retireCatalogueItem,
  updateCatalogueItem,
} from '../catalogue/service.js';

/**
 * The catalogue over the admin API (S5), for the head-office console and
 * scripts; documented in docs/headoffice.md. `:ref` is an item's id or SKU.
 * Registered inside the admin plugin, so every route needs the admin key.
 */
type Ref = { Params: { ref: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

export function registerCatalogueRoutes(admin: FastifyInstance, { db, clock }: { db: HeadOfficeDb; clock: () => Date }): void {
  admin.get<ListQuery>('/catalogue', async (request) => {
    const { query, kind, category, status, offset, limit, ...unknown } = request.query;
    const input: Record<string, unknown> = { ...unknown };
    if (query !== undefined) input.query = query;
    if (kind !== undefined) input.kind = kind;
    if (category !== undefined) input.category = category;
    if (status !== undefined) input.status = status;
    // Query strings are text: whole numbers become numbers, anything else is left for validation to refuse.
    if (offset !== undefined) input.offset = /^\d{1,9}$/.test(offset) ? Number(offset) : offset;
    if (limit !== undefined) input.limit = /^\d{1,9}$/.test(limit) ? Number(limit) : limit;
    return { ok: true, value: await listCatalogue(db, input) };
  });
  admin.get<Ref>('/catalogue/:ref', async (request) => ({ ok: true, value: await getCatalogueItem(db, request.params.ref) }));
  admin.post('/catalogue', async (request, reply) => reply.code(201).send({ ok: true, value: await addCatalogueItem(db, request.body, clock()) }));
  admin.patch<Ref>('/catalogue/:ref', async (request) => ({ ok: true, value: await updateCatalogueItem(db, request.params.ref, request.body, clock()) }));
  admin.post<Ref>('/catalogue/:ref/retire', async (request) => ({ ok: true, value: await retireCatalogueItem(db, request.params.ref, clock()) }));
  admin.post<Ref>('/catalogue/:ref/restore', async (request) => ({ ok: true, value: await restoreCatalogueItem(db, request.params.ref, clock()) }));
}
