import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../shared/api/errors.js';
import { CONSOLE_LIST_LIMIT, type ConflictValue, type ConsoleConflict, type ConsoleConflictSide } from '../../shared/console/api.js';
import { parseHlc } from '../../shared/sync/hlc.js';
import type { FieldValue } from '../../shared/sync/merge.js';
import { syncedTable } from '../../shared/sync/tables.js';
import type { HeadOfficeDb } from '../db/open.js';
import { HEAD_OFFICE_NODE, writeAsHeadOffice } from '../sync/ho-writes.js';
import { query } from '../sync/sql.js';

/**
 * Conflict review at the head office (B4): every branch's conflicts with
 * both values, who made each edit, and the customer it is about. A decision
 * made here reaches every branch: "keep the other value" is a head-office
 * edit of the field (routed like a merge's), and the conflict closes at
 * each branch at its next sync.
 */


export async function listConsoleConflicts(db: HeadOfficeDb, status: 'open' | 'all'): Promise<ConsoleConflict[]> {
  return selectConflicts(db, status === 'open' ? sql`c.status = 'open'` : sql`true`);
}

async function selectConflicts(db: HeadOfficeDb, where: SQL): Promise<ConsoleConflict[]> {
  const rows = await query<Record<string, any>>(
    db,
    sql`SELECT c.*, o.data AS row_data, cust.data AS customer_data, hb.code AS home_branch_code
        FROM sync_conflicts c
        LEFT JOIN sync_objects o ON o.table_name = c.table_name AND o.row_id = c.row_id
        LEFT JOIN sync_objects cust ON cust.table_name = 'customers' AND cust.row_id = c.customer_id
        LEFT JOIN branches hb ON hb.id = cust.data->>'home_branch_id'
        WHERE ${where}
        ORDER BY (c.status = 'open') DESC, c.detected_seq DESC, c.id
        LIMIT ${CONSOLE_LIST_LIMIT}`,
  );
  const branchOf = await nodeBranchCodes(db, rows.flatMap((r) => [r.winner_hlc as string, r.loser_hlc as string]));
  return rows.map((r) => toConsoleConflict(r, branchOf));
}

async function nodeBranchCodes(db: HeadOfficeDb, hlcs: string[]): Promise<Map<string, string>> {
  const nodes = [...new Set(hlcs.map((h) => parseHlc(h)?.node).filter((n): n is string => Boolean(n) && n !== HEAD_OFFICE_NODE))];
  if (nodes.length === 0) return new Map();
  const rows = await query<{ node_id: string; code: string }>(
    db,
    sql`SELECT n.node_id, b.code FROM sync_nodes n JOIN branches b ON b.id = n.branch_id
        WHERE n.node_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(nodes)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.node_id, r.code]));
}

function side(value: unknown, hlc: string, branchOf: Map<string, string>): ConsoleConflictSide {
  const parsed = parseHlc(hlc);
  const branchCode = !parsed ? null : parsed.node === HEAD_OFFICE_NODE ? 'headoffice' : (branchOf.get(parsed.node) ?? null);
  return { value: asValue(value), branchCode, editedAt: parsed ? new Date(parsed.wallMs).toISOString() : null };
}

function asValue(value: unknown): ConflictValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function toConsoleConflict(r: Record<string, any>, branchOf: Map<string, string>): ConsoleConflict {
  const customer = r.customer_data as Record<string, any> | null;
  return {
    id: r.id,
    tableName: r.table_name,
    rowId: r.row_id,
    field: r.field,
    customer: r.customer_id
      ? {
          id: r.customer_id,
          customerNumber: customer?.customer_number ?? null,
          fullName: customer?.full_name ?? null,
          homeBranchCode: r.home_branch_code ?? null,
        }
      : null,
    winner: side(r.winner_value, r.winner_hlc, branchOf),
    loser: side(r.loser_value, r.loser_hlc, branchOf),
    currentValue: asValue((r.row_data as Record<string, unknown> | null)?.[r.field]),
    detectedAt: new Date(r.detected_at).toISOString(),
    status: r.status,
    resolvedBy: r.resolved_by ?? null,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Decides one open conflict. "winner" records that the value chosen by the
 * clock stays. "loser" writes the other value back as a head-office edit, in
 * the same transaction as the decision, and only while the field still holds
 * the winning value: if someone edited it since, the newer edit is not
 * overwritten (CONFLICT) and the person looks again.
 */
export async function resolveConsoleConflict(
  db: HeadOfficeDb,
  id: string,
  input: { keep: 'winner' | 'loser'; by: string },
  now: Date,
): Promise<ConsoleConflict> {
  await db.transaction(async (tx) => {
    const [conflict] = await query<Record<string, any>>(tx, sql`SELECT * FROM sync_conflicts WHERE id = ${id} FOR UPDATE`);
    if (!conflict) throw new AppError('NOT_FOUND', undefined, `no conflict ${id}`);
    if (conflict.status !== 'open') throw new AppError('CONFLICT', undefined, 'conflict already resolved');
    if (input.keep === 'loser') {
      const table = syncedTable(conflict.table_name);
      if (!table || !table.columns[conflict.field]) throw new AppError('NOT_FOUND', undefined, 'conflict about an unknown field');
      const [row] = await query<{ data: Record<string, unknown> }>(
        tx,
        sql`SELECT data FROM sync_objects WHERE table_name = ${conflict.table_name} AND row_id = ${conflict.row_id} FOR UPDATE`,
      );
      if (!row) throw new AppError('NOT_FOUND', undefined, 'the row is not at the head office');
      if (!same(row.data[conflict.field], conflict.winner_value)) {
        throw new AppError('CONFLICT', undefined, 'the field was changed after the conflict');
      }
      const fields: Record<string, FieldValue> = { [conflict.field]: (conflict.loser_value ?? null) as FieldValue };
      if ('updated_at' in table.columns && conflict.field !== 'updated_at') fields.updated_at = now.toISOString();
      await writeAsHeadOffice(tx, [{ table: conflict.table_name, rowId: conflict.row_id, fields }], now);
    }
    await tx.execute(sql`UPDATE sync_conflicts SET status = ${input.keep === 'loser' ? 'reversed' : 'kept'}, resolved_by = ${input.by},
      resolved_at = ${now.toISOString()}::timestamptz WHERE id = ${id}`);
  });
  const [updated] = await selectConflicts(db, sql`c.id = ${id}`);
  return updated;
}
