import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { RowState } from '../../shared/sync/protocol.js';
import { SYNCED_TABLES, syncedTable, type SyncedTable } from '../../shared/sync/tables.js';
import { isHlc } from '../../shared/sync/hlc.js';
import { AppError } from '../../shared/api/errors.js';
import type { ChangeCapture } from './capture.js';
import type { RowApplier } from './apply.js';

/**
 * The initial load: how an empty branch takes its first large pull.
 *
 * Applying a million rows one by one into the live tables pays, per row, every
 * secondary index (eleven on customers), the search index and the guard
 * triggers, and shows the branch half-filled while it runs. Instead, while
 * the replica holds no synced row at all, pull pages are staged: each page
 * is written to the stage (`sync_initial_stage_<table>`, listed in
 * `sync_initial_stage`) in one transaction together with its cursor, exactly as a page is
 * applied otherwise, so a crash or a lost connection resumes from the last
 * staged page. The stage of a table is a table like it (same columns and
 * defaults, no constraints, no indexes but its key, no triggers). The live tables stay empty and the app says an initial sync
 * is under way (`SyncStatus.initialSyncStaged`).
 *
 * When the feed is drained, one transaction moves the stage into the live
 * tables: the non-unique indexes are dropped, the rows are copied with one
 * INSERT ... SELECT per table, the indexes are created again from their own
 * SQL, the search index is built for every customer at once, and the stage is
 * dropped. Either all of it commits or none of it: the branch goes from
 * "initial sync under way" to complete, never to half a sync.
 *
 * Were a synced row written to the replica meanwhile (a local customer made
 * while the initial sync ran, a customer fetched on demand), the copy would
 * no longer be into empty tables: the stage is then applied through the
 * ordinary RowApplier, in chunks, which merges with what is there.
 */

/** A first pull is staged only if its first page has this many rows (smaller first syncs apply directly). */
export const INITIAL_LOAD_MIN_ROWS = 2000;

const REGISTRY = 'sync_initial_stage';
const FALLBACK_CHUNK = 5000;
const MAX_LEAN_SHAPES = 8;

interface Shape {
  /** Live columns the copy fills (all but seq and id). */
  columns: string[];
  /** Column definitions of the stage: the live types and defaults, no constraints. */
  definitions: string[];
}

export class InitialLoad {
  private staged: boolean | null = null;
  private readonly stagedTables = new Set<string>();
  private readonly writes = new Map<string, Statement>();
  private readonly shapes = new Map<string, Shape>();
  /** Per table, the shapes of its recent staged rows (see writeLean). */
  private readonly leanShapes = new Map<string, LeanShape[]>();

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly applier: RowApplier,
  ) {}

  /** Whether a load is staged and not yet moved into the live tables. */
  inProgress(): boolean {
    if (this.staged === null) {
      this.staged = this.db.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${REGISTRY}'`).get() !== undefined;
      this.stagedTables.clear();
      if (this.staged) for (const t of this.db.sqlite.prepare(`SELECT table_name FROM ${REGISTRY}`).pluck().all() as string[]) this.stagedTables.add(t);
    }
    return this.staged;
  }

  /** Rows staged so far (null: no load under way). */
  stagedRows(): number | null {
    if (!this.inProgress()) return null;
    let n = 0;
    for (const t of this.stagedTables) n += this.db.sqlite.prepare(`SELECT count(*) FROM "${stageOf(t)}"`).pluck().get() as number;
    return n;
  }

  /** Whether the replica holds nothing synced, so a large first pull may be staged. */
  eligible(): boolean {
    return this.inProgress() || this.liveIsEmpty();
  }

  /**
   * Stages a page. Call inside the page's transaction (with its cursor).
   * A row staged twice keeps its newest version.
   */
  stage(rows: RowState[]): void {
    const sqlite = this.db.sqlite;
    if (!this.inProgress()) {
      sqlite.exec(`CREATE TABLE ${REGISTRY} (table_name TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID`);
      this.staged = true;
    }
    let maxHlc = '';
    for (const row of rows) {
      const table = syncedTable(row.table);
      if (!table) continue; // a table this build does not know (never sent to it by scope rules)
      if (!isHlc(row.hlc)) throw new AppError('INTERNAL', undefined, `head office sent ${row.table} ${row.rowId} with an invalid clock`);
      if (row.hlc > maxHlc) maxHlc = row.hlc;
      if (!this.stagedTables.has(row.table)) {
        sqlite.exec(
          `CREATE TABLE "${stageOf(row.table)}" (row_id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, hlc TEXT NOT NULL, ${this.shape(row.table).definitions.join(', ')}) WITHOUT ROWID`,
        );
        sqlite.prepare(`INSERT INTO ${REGISTRY} (table_name) VALUES (?)`).run(row.table);
        this.stagedTables.add(row.table);
      }
      if (!this.writeLean(table, row)) {
        const fields = this.applier.fieldsOf(table, row);
        this.applier.derive(row.table, fields);
        this.write(row.table, row, fields);
      }
    }
    if (maxHlc) this.capture.observe(maxHlc);
  }

  /**
   * The common case of `write`, without building each row's fields anew: a
   * page's rows of a table come with the same keys in the same order (the
   * head office writes them from jsonb), so the columns, the statement and
   * the derived columns are worked out once per shape and each row is only
   * checked against its table's recent shapes and bound from its own fields.
   * False (nothing written) for a row of another shape: `write` takes it.
   */
  private writeLean(table: SyncedTable, row: RowState): boolean {
    let shapes = this.leanShapes.get(table.name);
    if (!shapes) this.leanShapes.set(table.name, (shapes = []));
    let shape = shapes.find((s) => sameKeys(row.fields, s.keys));
    if (!shape) {
      shape = this.leanShape(table, row);
      // A few shapes per table (rows written by branches of older schemas lack the newer columns).
      if (shapes.length >= MAX_LEAN_SHAPES) shapes.pop();
      shapes.unshift(shape);
    }
    const args: unknown[] = [row.rowId, row.version, row.hlc];
    const fields = row.fields;
    for (const key of shape.columns) {
      const value = fields[key];
      args.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    }
    if (shape.derived.length > 0) {
      const derived = this.applier.hooks.tables[table.name]?.derive?.(fields) ?? {};
      if (!sameKeys(derived, shape.derived)) return false;
      for (const key of shape.derived) args.push(derived[key]);
    }
    shape.statement.run(args);
    return true;
  }

  private leanShape(table: SyncedTable, row: RowState): LeanShape {
    const keys = Object.keys(row.fields);
    const derived = Object.keys(this.applier.hooks.tables[table.name]?.derive?.(row.fields) ?? {});
    // A derived column wins over a field of the same name, as in `derive`.
    const columns = Object.keys(this.applier.fieldsOf(table, row)).filter((c) => !derived.includes(c));
    return { keys, columns, derived, statement: this.statementFor(table.name, [...columns, ...derived]) };
  }

  /** One statement per table and column set; a column the row lacks takes its default, as in the live table. */
  private write(table: string, row: RowState, fields: Record<string, unknown>): void {
    const columns = Object.keys(fields);
    this.statementFor(table, columns).run(row.rowId, row.version, row.hlc, ...columns.map((c) => fields[c]));
  }

  private statementFor(table: string, columns: string[]): Statement {
    const key = `${table}:${columns.join(',')}`;
    let statement = this.writes.get(key);
    if (!statement) {
      const quoted = columns.map((c) => `"${c}"`);
      statement = this.db.sqlite.prepare(
        `INSERT INTO "${stageOf(table)}" (row_id, version, hlc${quoted.map((c) => `, ${c}`).join('')}) VALUES (?, ?, ?${columns.map(() => ', ?').join('')})
         ON CONFLICT (row_id) DO UPDATE SET version = excluded.version, hlc = excluded.hlc${quoted.map((c) => `, ${c} = excluded.${c}`).join('')}
         WHERE excluded.version >= version`,
      );
      this.writes.set(key, statement);
    }
    return statement;
  }

  /**
   * Moves the stage into the live tables (see the class comment). Runs its
   * own transaction(s); a no-op when nothing is staged.
   */
  finish(transaction: <T>(fn: () => T) => T): { rows: number; copied: boolean } {
    if (!this.inProgress()) return { rows: 0, copied: false };
    const sqlite = this.db.sqlite;
    const copied = transaction(() => {
      if (!this.liveIsEmpty()) return null;
      const rows = this.stagedRows() ?? 0;
      this.db.asSyncApplier(() => this.copy());
      this.dropStage();
      return rows;
    });
    if (copied !== null) return { rows: copied, copied: true };
    // Rows arrived in the live tables meanwhile: merge through the ordinary apply, a chunk per transaction.
    let rows = 0;
    for (const t of SYNCED_TABLES) {
      if (!this.stagedTables.has(t.name)) continue;
      const stage = stageOf(t.name);
      for (let done = false; !done; ) {
        done = transaction(() => {
          const chunk = sqlite.prepare(`SELECT * FROM "${stage}" ORDER BY row_id LIMIT ${FALLBACK_CHUNK}`).all() as Record<string, unknown>[];
          if (chunk.length === 0) return true;
          this.applier.apply(
            chunk.map(({ row_id, version, hlc, ...fields }) => ({ table: t.name, rowId: row_id as string, version: version as number, hlc: hlc as string, fields: fields as RowState['fields'] })),
          );
          sqlite.prepare(`DELETE FROM "${stage}" WHERE row_id <= ?`).run(chunk[chunk.length - 1].row_id);
          rows += chunk.length;
          return false;
        });
      }
    }
    transaction(() => this.dropStage());
    return { rows, copied: false };
  }

  private liveIsEmpty(): boolean {
    const any = (sql: string) => this.db.sqlite.prepare(sql).get() !== undefined;
    if (any('SELECT 1 FROM sync_outbox LIMIT 1') || any('SELECT 1 FROM sync_rows LIMIT 1')) return false;
    return SYNCED_TABLES.every((t) => !any(`SELECT 1 FROM "${t.name}" LIMIT 1`));
  }

  private dropStage(): void {
    for (const t of this.stagedTables) this.db.sqlite.exec(`DROP TABLE "${stageOf(t)}"`);
    this.db.sqlite.exec(`DROP TABLE ${REGISTRY}`);
    this.stagedTables.clear();
    this.writes.clear();
    this.leanShapes.clear();
    this.staged = false;
  }

  /** The copy into empty live tables, inside the caller's transaction, as the sync applier. */
  private copy(): void {
    const sqlite = this.db.sqlite;
    const targets = SYNCED_TABLES.filter((t) => this.stagedTables.has(t.name)).map((t) => t.name);
    const rebuilt: { kind: 'INDEX' | 'TRIGGER'; name: string; sql: string }[] = [];
    for (const name of targets) {
      // Secondary indexes are built once at the end (a sort each) instead of one B-tree insert per row and index.
      // Unique indexes stay: foreign keys need them, and they check the rows as they come.
      for (const i of sqlite
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'`)
        .all(name) as { name: string; sql: string }[]) {
        rebuilt.push({ kind: 'INDEX', ...i });
      }
      for (const t of sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`).all(name) as { name: string; sql: string }[]) {
        if (this.passesEveryRow(t.sql)) rebuilt.push({ kind: 'TRIGGER', ...t });
      }
    }
    for (const r of rebuilt) sqlite.exec(`DROP ${r.kind} "${r.name.replace(/"/g, '""')}"`);
    this.applier.hooks.beforeInitialLoad?.(new Set(targets));
    for (const name of targets) {
      const list = this.shape(name).columns.map((c) => `"${c}"`).join(', ');
      sqlite.exec(`INSERT INTO "${name}" (id, ${list}) SELECT row_id, ${list} FROM "${stageOf(name)}" ORDER BY row_id`);
      sqlite.prepare(`INSERT INTO sync_rows (table_name, row_id, base_seq) SELECT ?, row_id, version FROM "${stageOf(name)}"`).run(name);
    }
    for (const r of rebuilt) sqlite.exec(r.sql);
    this.applier.hooks.afterInitialLoad?.(new Set(targets));
  }

  /**
   * Whether a trigger can be left out of the copy because it does nothing for
   * any row the applier writes: a BEFORE INSERT guard whose whole body is a
   * RAISE and whose WHEN names no column of the row and is false for the
   * applier (the guards of drizzle/branch/0003 and later). Anything else
   * (the report rollups on transactions) fires as usual.
   */
  private passesEveryRow(sql: string): boolean {
    const m = /^CREATE TRIGGER\s+\S+\s+BEFORE INSERT ON\s+\S+\s+WHEN\s+([\s\S]+?)\s+BEGIN\s+SELECT RAISE\(ABORT,\s*'[^']*'\);\s*END$/i.exec(sql.trim());
    if (!m || /\b(NEW|OLD)\s*\./i.test(m[1]) || /\bSELECT\b/i.test(m[1])) return false;
    return !this.db.sqlite.prepare(`SELECT (${m[1]})`).pluck().get();
  }

  private shape(table: string): Shape {
    let shape = this.shapes.get(table);
    if (!shape) {
      const info = (this.db.sqlite.prepare('SELECT name, type, dflt_value FROM pragma_table_info(?)').all(table) as { name: string; type: string; dflt_value: string | null }[]).filter(
        (c) => c.name !== 'seq' && c.name !== 'id',
      );
      shape = {
        columns: info.map((c) => c.name),
        definitions: info.map((c) => `"${c.name}" ${c.type}${c.dflt_value === null ? '' : ` DEFAULT ${c.dflt_value}`}`),
      };
      this.shapes.set(table, shape);
    }
    return shape;
  }
}

interface LeanShape {
  /** The row's keys, in order, as they came. */
  keys: string[];
  /** Of those, the declared columns, in order. */
  columns: string[];
  /** The columns `derive` adds, in order. */
  derived: string[];
  statement: Statement;
}

/** Whether `o` has exactly these keys in this order. */
function sameKeys(o: Record<string, unknown>, keys: string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}

function stageOf(table: string): string {
  return `${REGISTRY}_${table}`;
}
