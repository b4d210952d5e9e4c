import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { RowState } from '../../shared/sync/protocol.js';
import { syncedTable } from '../../shared/sync/tables.js';
import { foldName } from '../../shared/domain/text.js';
import type { ChangeCapture } from './capture.js';

/**
 * Applying head-office rows to this replica, always inside the caller's
 * transaction (a pull page and its cursor commit together, so a branch never
 * shows half a sync). A field with a local change still in the outbox keeps
 * the local value: the head office has not judged that change yet, and will
 * send its verdict (a correction or a later row) once it has.
 */

export interface LocalTableHooks {
  /** Local columns computed from synced ones (never synced themselves). */
  derive?(fields: Record<string, unknown>): Record<string, unknown>;
  /** After a page: keep local indexes (search) in step. */
  afterApply?(rowIds: string[]): void;
}

export class RowApplier {
  private readonly pendingOf: Statement;
  private readonly anyPending: Statement;
  private readonly exists = new Map<string, Statement>();
  private readonly writes = new Map<string, Statement>();
  private readonly setBase: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly hooks: Record<string, LocalTableHooks>,
  ) {
    this.pendingOf = db.sqlite.prepare('SELECT fields FROM sync_outbox WHERE table_name = ? AND row_id = ?').pluck();
    this.anyPending = db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM sync_outbox)').pluck();
    this.setBase = db.sqlite.prepare(
      'INSERT INTO sync_rows (table_name, row_id, base_seq) VALUES (?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET base_seq = max(base_seq, excluded.base_seq)',
    );
  }

  /** Applies rows; returns how many rows changed locally. Call inside a transaction. */
  apply(rows: RowState[]): number {
    const touched = new Map<string, string[]>();
    // Most pages arrive with nothing pending here (an initial sync always): skip the per-row lookups then.
    const anyPending = this.anyPending.get() === 1;
    // As the applier: reference rows (the catalogue) may be written by a pull and by nothing else.
    this.db.asSyncApplier(() => {
      for (const row of rows) {
        const table = syncedTable(row.table);
        if (!table) continue; // a table this build does not know (never sent to it by scope rules)
        const pending = new Set<string>();
        if (anyPending) for (const json of this.pendingOf.all(row.table, row.rowId) as string[]) for (const f of Object.keys(JSON.parse(json))) pending.add(f);
        const fields: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(row.fields)) {
          if (table.columns[column] && !pending.has(column)) fields[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
        }
        Object.assign(fields, this.hooks[row.table]?.derive?.(fields) ?? {});
        if (Object.keys(fields).length > 0) this.write(row.table, row.rowId, fields);
        this.setBase.run(row.table, row.rowId, row.version);
        this.capture.observe(row.hlc);
        if (!touched.has(row.table)) touched.set(row.table, []);
        touched.get(row.table)!.push(row.rowId);
      }
    });
    for (const [table, ids] of touched) this.hooks[table]?.afterApply?.(ids);
    return rows.length;
  }

  private write(table: string, rowId: string, fields: Record<string, unknown>): void {
    const columns = Object.keys(fields).sort();
    let exists = this.exists.get(table);
    if (!exists) {
      exists = this.db.sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).pluck();
      this.exists.set(table, exists);
    }
    const isNew = exists.get(rowId) === undefined;
    const key = `${isNew ? 'i' : 'u'}:${table}:${columns.join(',')}`;
    let statement = this.writes.get(key);
    if (!statement) {
      const quoted = columns.map((c) => `"${c}"`);
      statement = this.db.sqlite.prepare(
        isNew
          ? `INSERT INTO "${table}" (id, ${quoted.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`
          : `UPDATE "${table}" SET ${quoted.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      );
      this.writes.set(key, statement);
    }
    const values = columns.map((c) => fields[c]);
    if (isNew) statement.run(rowId, ...values);
    else statement.run(...values, rowId);
  }
}

/** How each synced table keeps its local-only columns and indexes. */
export function customerHooks(reindex: (customerIds: string[]) => void, customerOfContact: (contactIds: string[]) => string[]): Record<string, LocalTableHooks> {
  return {
    customers: {
      derive: (f) => (typeof f.full_name === 'string' ? { sort_name: foldName(f.full_name) } : {}),
      afterApply: (ids) => reindex(ids),
    },
    contact_points: {
      afterApply: (ids) => reindex(customerOfContact(ids)),
    },
  };
}
