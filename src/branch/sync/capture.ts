import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { BranchSettings } from '../setup/settings.js';
import { HybridClock } from '../../shared/sync/hlc.js';
import { SYNCED_TABLES, syncedTable } from '../../shared/sync/tables.js';

/** Rows per statement in recordInserts. */
const BULK = 100;

export type RowSnapshot = Record<string, unknown> | null;

/**
 * Change capture (sync invariant 1): a change is in the outbox if and only if
 * its write committed, because it is written in the same transaction. Writers
 * snapshot a row before changing it and call `record` after; the outbox entry
 * holds exactly the synced columns whose values differ, the HLC of the change
 * and the head-office version the edit was based on.
 */
export class ChangeCapture {
  readonly clock: HybridClock;
  readonly nodeId: string;
  private readonly settings: BranchSettings;
  private readonly selects = new Map<string, Statement>();
  /** New rows: read the row and write its outbox entry in one statement, no JSON built in JavaScript. */
  private readonly insertsFromRow = new Map<string, Statement>();
  private readonly insertOutbox: Statement;
  private readonly baseOf: Statement;
  private readonly fieldBasesOf: Statement;
  private clockDirty = false;

  constructor(
    private readonly db: BranchDatabase,
    physical: () => number = Date.now,
  ) {
    this.settings = new BranchSettings(db);
    let nodeId = this.settings.get('sync_node_id');
    if (!nodeId) {
      nodeId = randomBytes(8).toString('hex');
      this.settings.set('sync_node_id', nodeId);
    }
    this.nodeId = nodeId;
    this.clock = new HybridClock(nodeId, physical, this.settings.get('sync_hlc'));
    for (const t of SYNCED_TABLES) {
      const cols = Object.keys(t.columns).map((c) => `"${c}"`).join(', ');
      this.selects.set(t.name, db.sqlite.prepare(`SELECT ${cols} FROM "${t.name}" WHERE id = ?`));
      const pairs = Object.keys(t.columns).map((c) => `'${c}', "${c}"`).join(', ');
      this.insertsFromRow.set(
        t.name,
        db.sqlite.prepare(
          `INSERT INTO sync_outbox (table_name, row_id, hlc, base_seq, fields, created_at) SELECT '${t.name}', id, ?, 0, json_object(${pairs}), ? FROM "${t.name}" WHERE id = ?`,
        ),
      );
    }
    this.insertOutbox = db.sqlite.prepare(
      'INSERT INTO sync_outbox (table_name, row_id, hlc, base_seq, fields, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.baseOf = db.sqlite.prepare('SELECT base_seq FROM sync_rows WHERE table_name = ? AND row_id = ?').pluck();
    this.fieldBasesOf = db.sqlite.prepare('SELECT field, base_seq FROM sync_field_bases WHERE table_name = ? AND row_id = ?');
  }

  /**
   * One IMMEDIATE transaction in which synced tables may be written. Nested
   * calls join the outer transaction (better-sqlite3 makes them savepoints).
   */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite
      .transaction(() =>
        this.db.asSyncWriter(() => {
          const result = fn();
          this.persistClock();
          return result;
        }),
      )
      .immediate();
  }

  snapshot(table: string, rowId: string): RowSnapshot {
    return (this.statement(table).get(rowId) as Record<string, unknown> | undefined) ?? null;
  }

  /** Records what changed in the row since `before` (null: the row is new). */
  record(table: string, rowId: string, before: RowSnapshot, now: string): void {
    if (before === null) {
      if (syncedTable(table)?.scope.kind === 'reference') throw new Error(`capture: ${table} is reference data; only the head office writes it`);
      const result = this.insertsFromRow.get(table)?.run(this.clock.now(), now, rowId);
      if (!result) throw new Error(`capture: ${table} is not a synced table`);
      if (result.changes !== 1) throw new Error(`capture: ${table} ${rowId} vanished inside its own transaction`);
      this.clockDirty = true;
      return;
    }
    const after = this.snapshot(table, rowId);
    if (!after) throw new Error(`capture: ${table} ${rowId} vanished inside its own transaction`);
    const fields: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(after)) {
      if (before === null || before[column] !== value) fields[column] = value;
    }
    if (Object.keys(fields).length === 0) return;
    const rowBase = (this.baseOf.get(table, rowId) as number | undefined) ?? 0;
    // A field whose head-office value this replica never took (a pull kept the local one) keeps its
    // own, older base: one outbox entry per base, so each field is judged against what was seen of it.
    const fieldBases = new Map((this.fieldBasesOf.all(table, rowId) as { field: string; base_seq: number }[]).map((r) => [r.field, r.base_seq]));
    const byBase = new Map<number, Record<string, unknown>>();
    for (const [column, value] of Object.entries(fields)) {
      const base = fieldBases.get(column) ?? rowBase;
      let group = byBase.get(base);
      if (!group) byBase.set(base, (group = {}));
      group[column] = value;
    }
    for (const [base, group] of [...byBase].sort((a, b) => a[0] - b[0])) {
      this.insertOutbox.run(table, rowId, this.clock.now(), base, JSON.stringify(group), now);
    }
    this.clockDirty = true;
  }

  private readonly insertsFromRows = new Map<string, Statement>();

  /**
   * record(table, id, null, now) for many new rows of one table, in that
   * order (each its own HLC), one statement per hundred rows: an import
   * writes tens of thousands a second and a statement per row is most of the
   * cost (tests/bench/README.md).
   */
  recordInserts(table: string, rowIds: string[], now: string): void {
    const t = syncedTable(table);
    if (!t) throw new Error(`capture: ${table} is not a synced table`);
    if (t.scope.kind === 'reference') throw new Error(`capture: ${table} is reference data; only the head office writes it`);
    for (let i = 0; i < rowIds.length; i += BULK) {
      const part = rowIds.slice(i, i + BULK);
      const key = `${table}:${part.length}`;
      let statement = this.insertsFromRows.get(key);
      if (!statement) {
        const pairs = Object.keys(t.columns).map((c) => `'${c}', r."${c}"`).join(', ');
        const values = Array.from({ length: part.length }, () => '(?, ?)').join(', ');
        statement = this.db.sqlite.prepare(
          `INSERT INTO sync_outbox (table_name, row_id, hlc, base_seq, fields, created_at)
           SELECT '${table}', r.id, v.column1, 0, json_object(${pairs}), ? FROM (VALUES ${values}) v JOIN "${table}" r ON r.id = v.column2 ORDER BY v.column1`,
        );
        this.insertsFromRows.set(key, statement);
      }
      const args: unknown[] = [now];
      for (const id of part) args.push(this.clock.now(), id);
      const result = statement.run(args);
      if (result.changes !== part.length) throw new Error(`capture: ${part.length - result.changes} new rows of ${table} vanished inside their own transaction`);
      this.clockDirty = true;
    }
  }

  /** Folds a timestamp seen from the head office into the clock (HLC receive). */
  observe(hlc: string): void {
    this.clock.receive(hlc);
    this.clockDirty = true;
  }

  persistClock(): void {
    if (!this.clockDirty) return;
    this.settings.set('sync_hlc', this.clock.peek());
    this.clockDirty = false;
  }

  private statement(table: string): Statement {
    const s = this.selects.get(table);
    if (!s || !syncedTable(table)) throw new Error(`capture: ${table} is not a synced table`);
    if (syncedTable(table)!.scope.kind === 'reference') throw new Error(`capture: ${table} is reference data; only the head office writes it`);
    return s;
  }
}
