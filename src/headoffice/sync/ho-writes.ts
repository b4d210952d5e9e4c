import { sql } from 'drizzle-orm';
import { formatHlc, parseHlc } from '../../shared/sync/hlc.js';
import type { FieldValue } from '../../shared/sync/merge.js';
import type { HeadOfficeDb } from '../db/open.js';
import { fromRow } from './push.js';
import { objectKey, type StoredObject } from './merge-batch.js';
import { query, takeSequence } from './sql.js';

/** The HLC node of changes the head office makes itself (merges, undo). */
export const HEAD_OFFICE_NODE = 'headoffice';

export interface HeadOfficeChange {
  table: string;
  rowId: string;
  fields: Record<string, FieldValue>;
}

/**
 * Changes made by the head office itself (customer merges and their undo):
 * applied as sequential edits with a clock above every clock the rows carry,
 * numbered from the global sequence and routed to every branch that sees the
 * customer (plus `extraBranches`), exactly like merged branch changes.
 * Call inside a transaction.
 */
export async function writeAsHeadOffice(tx: HeadOfficeDb, changes: HeadOfficeChange[], now: Date): Promise<StoredObject[]> {
  if (changes.length === 0) return [];
  const wanted = JSON.stringify(changes.map((c) => ({ t: c.table, r: c.rowId })));
  const rows = await query<Parameters<typeof fromRow>[0]>(
    tx,
    sql`SELECT o.* FROM sync_objects o JOIN (SELECT DISTINCT t, r FROM jsonb_to_recordset(${wanted}::jsonb) AS x(t text, r text)) k
        ON o.table_name = k.t AND o.row_id = k.r ORDER BY o.table_name, o.row_id FOR UPDATE OF o`,
  );
  const objects = new Map(rows.map((r) => [objectKey(r.table_name, r.row_id), fromRow(r)]));
  let wall = now.getTime();
  for (const o of objects.values()) wall = Math.max(wall, (parseHlc(o.hlc)?.wallMs ?? 0) + 1);
  const hlc = formatHlc({ wallMs: wall, counter: 0, node: HEAD_OFFICE_NODE });
  const changed = new Map<string, StoredObject>();
  for (const c of changes) {
    const o = objects.get(objectKey(c.table, c.rowId));
    if (!o) continue; // a row the head office never received cannot be changed by it
    for (const [field, value] of Object.entries(c.fields)) {
      o.data[field] = value;
      o.clocks[field] = [hlc, -1];
    }
    if (c.table === 'customers') o.customerId = c.rowId;
    else if (typeof o.data.customer_id === 'string') o.customerId = o.data.customer_id;
    o.hlc = hlc;
    changed.set(objectKey(c.table, c.rowId), o);
  }
  const list = [...changed.values()];
  if (list.length === 0) return [];
  const first = await takeSequence(tx, list.length, sql);
  list.forEach((o, i) => {
    o.version = first + i;
    for (const f of Object.keys(o.clocks)) if (o.clocks[f][1] === -1) o.clocks[f] = [o.clocks[f][0], o.version];
  });
  const payload = JSON.stringify(list.map((o) => ({ t: o.tableName, r: o.rowId, d: o.data, c: o.clocks, v: o.version, h: o.hlc, cu: o.customerId })));
  await tx.execute(sql`UPDATE sync_objects o SET data = x.d, clocks = x.c, version = x.v, hlc = x.h, customer_id = x.cu
    FROM jsonb_to_recordset(${payload}::jsonb) AS x(t text, r text, d jsonb, c jsonb, v bigint, h text, cu text)
    WHERE o.table_name = x.t AND o.row_id = x.r`);
  // Route to every branch that sees the row's customer now.
  await tx.execute(sql`INSERT INTO sync_feed (branch_id, table_name, row_id, seq)
    SELECT s.branch_id, x.t, x.r, x.v FROM jsonb_to_recordset(${payload}::jsonb) AS x(t text, r text, v bigint, cu text)
    JOIN sync_customer_scope s ON s.customer_id = x.cu
    ON CONFLICT (branch_id, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq`);
  return list;
}
