import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { RowState } from '../../shared/sync/protocol.js';
import { syncedTable, type SyncedTable } from '../../shared/sync/tables.js';
import { isHlc } from '../../shared/sync/hlc.js';
import { AppError } from '../../shared/api/errors.js';
import { foldName } from '../../shared/domain/text.js';
import type { ChangeCapture } from './capture.js';

/**
 * Applying head-office rows to this replica, always inside the caller's
 * transaction (a pull page and its cursor commit together, so a branch never
 * shows half a sync). A field with a local change still in the outbox keeps
 * the local value: the head office has not judged that change yet, and will
 * send its verdict (a correction or a later row) once it has.
 */

const NO_FIELDS: ReadonlySet<string> = new Set();

export interface LocalTableHooks {
  /** Local columns computed from synced ones (never synced themselves). */
  derive?(fields: Record<string, unknown>): Record<string, unknown>;
}

/** What a page changed, per table: the rows applied and, of those, the rows it created. */
export type AppliedPage = Map<string, { ids: string[]; inserted: ReadonlySet<string> }>;

export interface ApplyHooks {
  tables: Record<string, LocalTableHooks>;
  /** After a page, in its transaction: keep local indexes (search) in step, once per page. */
  afterPage?(page: AppliedPage): void;
  /**
   * After an initial load moved staged rows into these tables, which were
   * empty (InitialLoad): build the local indexes for every row at once.
   */
  afterInitialLoad?(tables: ReadonlySet<string>): void;
  /** Before that copy, in its transaction: set aside per-row upkeep that afterInitialLoad redoes once for every row. */
  beforeInitialLoad?(tables: ReadonlySet<string>): void;
}

/**
 * Report rollups whose triggers would do per-row work during an initial
 * load, which copies every row at once into empty tables: the per-month
 * tails (report_customer_tails, migration 0019), which cost every
 * transaction insert about as much again as the insert, and the customers'
 * contact flags (report_contact_flags, 0021), an upsert per contact point.
 * Each is paused for the copy (its paused table, as a change of time zone
 * does for the tails) and built once from its source view after it.
 */
const PAUSED_ROLLUPS = [
  { table: 'transactions', paused: 'report_tails_paused', rollup: 'report_customer_tails', rebuild: 'SELECT * FROM report_customer_tails_source' },
  { table: 'contact_points', paused: 'report_contact_flags_paused', rollup: 'report_contact_flags', rebuild: 'SELECT customer_id, flags FROM report_contact_flags_source WHERE flags > 0' },
] as const;

export function withReportRollups(db: BranchDatabase, inner: ApplyHooks): ApplyHooks {
  return {
    ...inner,
    beforeInitialLoad(tables) {
      inner.beforeInitialLoad?.(tables);
      for (const r of PAUSED_ROLLUPS) if (tables.has(r.table)) db.sqlite.exec(`INSERT OR IGNORE INTO ${r.paused} VALUES (1)`);
    },
    afterInitialLoad(tables) {
      inner.afterInitialLoad?.(tables);
      for (const r of PAUSED_ROLLUPS) {
        if (tables.has(r.table)) db.sqlite.exec(`DELETE FROM ${r.rollup}; INSERT INTO ${r.rollup} ${r.rebuild}; DELETE FROM ${r.paused}`);
      }
    },
  };
}

/**
 * Rows of a page are applied set by set: per table, one read finds which
 * rows this replica already has; rows it has never seen are inserted with
 * one cached statement per column set and get their base version with a
 * plain insert, with no per-row lookups; rows it has are updated field by
 * field as before. Index hooks run once per table and page.
 */
export class RowApplier {
  private readonly pendingOf: Statement;
  private readonly anyPending: Statement;
  private readonly existing = new Map<string, Statement>();
  private readonly writes = new Map<string, Statement>();
  private readonly setBase: Statement;
  private readonly insertBase: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    readonly hooks: ApplyHooks,
  ) {
    this.pendingOf = db.sqlite.prepare('SELECT fields FROM sync_outbox WHERE table_name = ? AND row_id = ?').pluck();
    this.anyPending = db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM sync_outbox)').pluck();
    this.setBase = db.sqlite.prepare(
      'INSERT INTO sync_rows (table_name, row_id, base_seq) VALUES (?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET base_seq = max(base_seq, excluded.base_seq)',
    );
    this.insertBase = db.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, base_seq) VALUES (?, ?, ?)');
    // The base the field had before this row's base rises to `version` (0: a row this replica made and never took).
    this.keepFieldBase = db.sqlite.prepare(
      `INSERT INTO sync_field_bases (table_name, row_id, field, base_seq)
       SELECT :table, :row, :field, b FROM (SELECT coalesce((SELECT base_seq FROM sync_rows WHERE table_name = :table AND row_id = :row), 0) AS b) WHERE b < :version
       ON CONFLICT (table_name, row_id, field) DO NOTHING`,
    );
    this.anyFieldBase = db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM sync_field_bases)').pluck();
    this.dropFieldBases = db.sqlite.prepare(
      'DELETE FROM sync_field_bases WHERE table_name = ? AND row_id = ? AND field IN (SELECT value FROM json_each(?))',
    );
  }

  private readonly keepFieldBase: Statement;
  private readonly anyFieldBase: Statement;
  private readonly dropFieldBases: Statement;

  /** Applies rows; returns how many rows changed locally. Call inside a transaction. */
  apply(rows: RowState[]): number {
    if (rows.length === 0) return 0;
    // Most pages arrive with nothing pending here (an initial sync always): skip the per-row lookups then.
    const anyPending = this.anyPending.get() === 1;
    const anyFieldBase = this.anyFieldBase.get() === 1;
    const byTable = new Map<string, RowState[]>();
    for (const row of rows) {
      if (!syncedTable(row.table)) continue; // a table this build does not know (never sent to it by scope rules)
      let list = byTable.get(row.table);
      if (!list) byTable.set(row.table, (list = []));
      list.push(row);
    }
    let maxHlc = '';
    const touched: AppliedPage = new Map();
    // As the applier: reference rows (the catalogue) may be written by a pull and by nothing else.
    this.db.asSyncApplier(() => {
      for (const [name, list] of byTable) {
        const table = syncedTable(name)!;
        const known = this.existingIds(name, list);
        const inserted = new Set<string>();
        const ids: string[] = [];
        for (const row of list) {
          const pending = new Set<string>();
          if (anyPending) for (const json of this.pendingOf.all(row.table, row.rowId) as string[]) for (const f of Object.keys(JSON.parse(json))) pending.add(f);
          const fields = this.fieldsOf(table, row, pending);
          // A field kept local keeps the base its local edits were made on; a field taken now has the row's.
          for (const field of pending) if (field in row.fields) this.keepFieldBase.run({ table: name, row: row.rowId, field, version: row.version });
          if (anyFieldBase) this.dropFieldBases.run(name, row.rowId, JSON.stringify(Object.keys(fields)));
          this.derive(name, fields);
          const isNew = !known.has(row.rowId) && !inserted.has(row.rowId);
          if (isNew) {
            this.write(name, row.rowId, fields, true);
            inserted.add(row.rowId);
            this.insertBase.run(name, row.rowId, row.version);
          } else {
            if (Object.keys(fields).length > 0) this.write(name, row.rowId, fields, false);
            this.setBase.run(name, row.rowId, row.version);
          }
          if (!isHlc(row.hlc)) throw new AppError('INTERNAL', undefined, `head office sent ${name} ${row.rowId} with an invalid clock`);
          if (row.hlc > maxHlc) maxHlc = row.hlc;
          ids.push(row.rowId);
        }
        touched.set(name, { ids, inserted });
      }
    });
    // One receive with the page's greatest clock moves the clock as far as receiving each would.
    if (maxHlc) this.capture.observe(maxHlc);
    this.hooks.afterPage?.(touched);
    return rows.length;
  }

  /**
   * The columns of `row` this replica stores, as SQLite stores them
   * (booleans as 0/1): declared columns only, less the fields kept local.
   */
  fieldsOf(table: SyncedTable, row: RowState, keepLocal: ReadonlySet<string> = NO_FIELDS): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const column in row.fields) {
      if (table.columns[column] && !keepLocal.has(column)) {
        const value = row.fields[column];
        fields[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      }
    }
    return fields;
  }

  /** Adds the local columns computed from synced ones (a customer's sort name). */
  derive(table: string, fields: Record<string, unknown>): void {
    const derived = this.hooks.tables[table]?.derive?.(fields);
    if (derived) Object.assign(fields, derived);
  }

  /** Which of these rows the replica already has (one read per table and page). */
  private existingIds(table: string, rows: RowState[]): Set<string> {
    let statement = this.existing.get(table);
    if (!statement) {
      statement = this.db.sqlite.prepare(`SELECT id FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`).pluck();
      this.existing.set(table, statement);
    }
    return new Set(statement.all(JSON.stringify(rows.map((r) => r.rowId))) as string[]);
  }

  private write(table: string, rowId: string, fields: Record<string, unknown>, isNew: boolean): void {
    const columns = Object.keys(fields).sort();
    const key = `${isNew ? 'i' : 'u'}:${table}:${columns.join(',')}`;
    let statement = this.writes.get(key);
    if (!statement) {
      const quoted = columns.map((c) => `"${c}"`);
      statement = this.db.sqlite.prepare(
        isNew
          ? `INSERT INTO "${table}" (id${quoted.map((c) => `, ${c}`).join('')}) VALUES (?${columns.map(() => ', ?').join('')})`
          : `UPDATE "${table}" SET ${quoted.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      );
      this.writes.set(key, statement);
    }
    const values = columns.map((c) => fields[c]);
    if (isNew) statement.run(rowId, ...values);
    else statement.run(...values, rowId);
  }
}

/**
 * How the customer tables keep their local-only columns and the search
 * index: each customer touched by a page, directly or through a contact
 * point, is reindexed once.
 */
export function customerHooks(
  reindex: (customerIds: string[], fresh: ReadonlySet<string>) => void,
  customersOfContacts: (contactIds: string[]) => string[],
  /** Indexes every customer, none of whom has a search document yet (after an initial load). */
  indexAllFresh: () => void,
): ApplyHooks {
  return {
    tables: {
      customers: { derive: (f) => (typeof f.full_name === 'string' ? { sort_name: foldName(f.full_name) } : {}) },
    },
    afterPage(page) {
      const customers = page.get('customers');
      const contacts = page.get('contact_points');
      const ids = new Set(customers?.ids ?? []);
      if (contacts) for (const id of customersOfContacts(contacts.ids)) ids.add(id);
      if (ids.size > 0) reindex([...ids], customers?.inserted ?? new Set());
    },
    afterInitialLoad(tables) {
      if (tables.has('customers') || tables.has('contact_points')) indexAllFresh();
    },
  };
}
