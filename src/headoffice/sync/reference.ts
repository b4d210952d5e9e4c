import { sql } from 'drizzle-orm';
import { AppError } from '../../shared/api/errors.js';
import { HLC_ZERO, formatHlc, parseHlc } from '../../shared/sync/hlc.js';
import type { FieldValue } from '../../shared/sync/merge.js';
import { syncedTable } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import { HEAD_OFFICE_NODE } from './ho-writes.js';
import type { StoredObject } from './merge-batch.js';
import { fromRow } from './push.js';
import { query, takeSequence } from './sql.js';

/**
 * Reference data (B5: products, later campaigns and settings) is written by
 * the head office only. A write stores the row in sync_objects with no
 * customer and numbers it from the global sequence; it is not copied into
 * any branch's feed: every branch's pull reads reference rows by version
 * after its cursor (pull.ts), so a branch enrolled later or a replaced laptop
 * (cursor 0) receives the whole reference set on its first pull, and a write
 * costs one row whatever the number of branches. Branches cannot write these
 * tables: their pushes are quarantined (merge-batch.ts) and their guard
 * triggers refuse local writes.
 */

/** Creates a reference row (`fields` complete) or changes the given fields of an existing one. Call inside a transaction. */
export async function writeReferenceRow(
  tx: HeadOfficeDb,
  tableName: string,
  rowId: string,
  fields: Record<string, FieldValue>,
  mode: 'create' | 'update',
  now: Date,
): Promise<StoredObject> {
  const table = syncedTable(tableName);
  if (table?.scope.kind !== 'reference') throw new Error(`${tableName} is not a reference table`);
  const [row] = await query<Parameters<typeof fromRow>[0]>(
    tx,
    sql`SELECT * FROM sync_objects WHERE table_name = ${tableName} AND row_id = ${rowId} FOR UPDATE`,
  );
  if (mode === 'create' && row) throw new AppError('DUPLICATE', undefined, `${tableName} ${rowId} exists`);
  if (mode === 'update' && !row) throw new AppError('NOT_FOUND', undefined, `no ${tableName} ${rowId}`);
  const object: StoredObject = row
    ? fromRow(row)
    : { tableName, rowId, data: {}, clocks: {}, version: 0, hlc: HLC_ZERO, customerId: null, createdBy: HEAD_OFFICE_NODE };
  if (mode === 'create') {
    const missing = Object.entries(table.columns).find(([name, c]) => !c.nullable && !(name in fields));
    if (missing) throw new Error(`a new ${tableName} row needs ${missing[0]}`);
  }
  const changed = Object.entries(fields).filter(([f, v]) => !(f in object.data) || object.data[f] !== v);
  if (changed.length === 0) return object;
  // A clock above every clock the row carries, so the edit wins the field-level merge everywhere.
  const wall = Math.max(now.getTime(), (parseHlc(object.hlc)?.wallMs ?? 0) + 1);
  const hlc = formatHlc({ wallMs: wall, counter: 0, node: HEAD_OFFICE_NODE });
  const version = await takeSequence(tx, 1, sql);
  for (const [field, value] of changed) {
    object.data[field] = value;
    object.clocks[field] = [hlc, version];
  }
  object.version = version;
  object.hlc = hlc;
  await tx.execute(sql`INSERT INTO sync_objects (table_name, row_id, data, clocks, version, hlc, customer_id, created_by_branch)
    VALUES (${tableName}, ${rowId}, ${JSON.stringify(object.data)}::jsonb, ${JSON.stringify(object.clocks)}::jsonb, ${version}, ${hlc}, NULL, ${object.createdBy})
    ON CONFLICT (table_name, row_id) DO UPDATE SET data = EXCLUDED.data, clocks = EXCLUDED.clocks, version = EXCLUDED.version, hlc = EXCLUDED.hlc`);
  return object;
}
