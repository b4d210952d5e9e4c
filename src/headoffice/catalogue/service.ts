import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/api/errors.js';
import {
  catalogueItemCreateSchema,
  catalogueItemFromRow,
  catalogueItemPatchSchema,
  catalogueQuerySchema,
  type CatalogueItem,
  type CatalogueList,
  type CatalogueRow,
} from '../../shared/domain/catalogue.js';
import type { FieldValue } from '../../shared/sync/merge.js';
import type { HeadOfficeDb } from '../db/open.js';
import { isUniqueViolation, parseInput } from '../errors.js';
import { writeReferenceRow } from '../sync/reference.js';
import { query } from '../sync/sql.js';

/**
 * The product and service catalogue at the head office (S5), the one place
 * it is written. Items live as reference rows in sync_objects (table
 * catalogue_items, the branch's column names), so every change reaches every
 * branch by the ordinary pull. SKUs are unique (an index on the JSON field),
 * items are retired, never deleted.
 */
const TABLE = 'catalogue_items';

export async function addCatalogueItem(db: HeadOfficeDb, input: unknown, now: Date = new Date()): Promise<CatalogueItem> {
  const item = parseInput(catalogueItemCreateSchema, input);
  const at = now.toISOString();
  const id = uuidv7();
  const fields: Record<string, FieldValue> = {
    sku: item.sku,
    name: item.name,
    kind: item.kind,
    category: item.category,
    unit_price: item.unitPrice,
    unit_cost: item.unitCost,
    duration_minutes: item.durationMinutes ?? null,
    description: item.description ?? null,
    retired_at: null,
    created_at: at,
    updated_at: at,
  };
  const stored = await skuGuard(() => db.transaction((tx) => writeReferenceRow(tx, TABLE, id, fields, 'create', now)));
  return catalogueItemFromRow(id, stored.data as unknown as CatalogueRow);
}

/** Changes the given fields; an unchanged value is no change (nothing is sent to the branches). */
export async function updateCatalogueItem(db: HeadOfficeDb, ref: string, input: unknown, now: Date = new Date()): Promise<CatalogueItem> {
  const patch = parseInput(catalogueItemPatchSchema, input);
  const current = await getCatalogueItem(db, ref);
  if (current.kind === 'product' && patch.durationMinutes != null) {
    throw new AppError('VALIDATION_FAILED', [{ path: ['durationMinutes'], code: 'product_duration' }]);
  }
  const fields: Record<string, FieldValue> = {};
  const map: [keyof typeof patch, string][] = [
    ['sku', 'sku'],
    ['name', 'name'],
    ['category', 'category'],
    ['unitPrice', 'unit_price'],
    ['unitCost', 'unit_cost'],
    ['durationMinutes', 'duration_minutes'],
    ['description', 'description'],
  ];
  for (const [key, column] of map) if (patch[key] !== undefined) fields[column] = patch[key] as FieldValue;
  return setFields(db, current, fields, now);
}

export async function retireCatalogueItem(db: HeadOfficeDb, ref: string, now: Date = new Date()): Promise<CatalogueItem> {
  const current = await getCatalogueItem(db, ref);
  if (current.retiredAt) return current;
  return setFields(db, current, { retired_at: now.toISOString() }, now);
}

export async function restoreCatalogueItem(db: HeadOfficeDb, ref: string, now: Date = new Date()): Promise<CatalogueItem> {
  const current = await getCatalogueItem(db, ref);
  if (!current.retiredAt) return current;
  return setFields(db, current, { retired_at: null }, now);
}

/** One item by id or SKU (any case). */
export async function getCatalogueItem(db: HeadOfficeDb, ref: string): Promise<CatalogueItem> {
  const key = ref.trim();
  const [row] = await query<{ row_id: string; data: CatalogueRow | string }>(
    db,
    sql`SELECT row_id, data FROM sync_objects WHERE table_name = ${TABLE} AND (row_id = ${key} OR data->>'sku' = ${key.toUpperCase()}) LIMIT 1`,
  );
  if (!row) throw new AppError('NOT_FOUND', undefined, `no catalogue item ${ref}`);
  return toItem(row);
}

/** A page of the catalogue, by name: filter by text (name word or SKU prefix), kind, category, active/retired. */
export async function listCatalogue(db: HeadOfficeDb, input: unknown = {}): Promise<CatalogueList> {
  const q = parseInput(catalogueQuerySchema, input);
  const conditions = [sql`table_name = ${TABLE}`];
  if (q.kind) conditions.push(sql`data->>'kind' = ${q.kind}`);
  if (q.category) conditions.push(sql`data->>'category' = ${q.category}`);
  if (q.status === 'active') conditions.push(sql`data->>'retired_at' IS NULL`);
  if (q.status === 'retired') conditions.push(sql`data->>'retired_at' IS NOT NULL`);
  if (q.query !== '') {
    const text = q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(sql`(lower(data->>'sku') LIKE ${`${text}%`} OR (' ' || lower(data->>'name')) LIKE ${`% ${text}%`})`);
  }
  const where = sql.join(conditions, sql` AND `);
  const [{ total }] = await query<{ total: string }>(db, sql`SELECT count(*) AS total FROM sync_objects WHERE ${where}`);
  const rows = await query<{ row_id: string; data: CatalogueRow | string }>(
    db,
    sql`SELECT row_id, data FROM sync_objects WHERE ${where} ORDER BY lower(data->>'name'), data->>'sku' LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  const categories = await query<{ category: string }>(
    db,
    sql`SELECT DISTINCT data->>'category' AS category FROM sync_objects WHERE table_name = ${TABLE} ORDER BY 1`,
  );
  return { total: Number(total), items: rows.map(toItem), categories: categories.map((c) => c.category) };
}

async function setFields(db: HeadOfficeDb, current: CatalogueItem, fields: Record<string, FieldValue>, now: Date): Promise<CatalogueItem> {
  const stored = await skuGuard(() =>
    db.transaction(async (tx) => {
      const before = await writeReferenceRow(tx, TABLE, current.id, {}, 'update', now);
      const changed = Object.entries(fields).some(([f, v]) => before.data[f] !== v);
      if (!changed) return before;
      return writeReferenceRow(tx, TABLE, current.id, { ...fields, updated_at: now.toISOString() }, 'update', now);
    }),
  );
  return catalogueItemFromRow(current.id, stored.data as unknown as CatalogueRow);
}

async function skuGuard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', [{ path: ['sku'], code: 'sku_taken' }], 'sku taken');
    throw error;
  }
}

function toItem(row: { row_id: string; data: CatalogueRow | string }): CatalogueItem {
  return catalogueItemFromRow(row.row_id, typeof row.data === 'string' ? (JSON.parse(row.data) as CatalogueRow) : row.data);
}
