import { randomBytes } from 'node:crypto';
import type { RunResult, Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { BranchSettings } from '../setup/settings.js';
import { HybridClock } from '../../shared/sync/hlc.js';
import { SYNCED_TABLES, syncedTable } from '../../shared/sync/tables.js';

/** Rows per statement in recordInserts. */
const BULK = 100;

export type RowSnapshot = Record<string, unknown> | null;

/** A prepared one-row INSERT that writes the row's outbox entry too (ChangeCapture.insertStatement). */
export type CapturedInsert = (now: string, ...params: unknown[]) => RunResult;

/** A new row's outbox entry written from the values its insert bound: the table's synced columns, in order. */
interface NewRowShape {
  columns: string[];
  /** Per column: text or json (else integer or boolean). */
  text: boolean[];
  /** '{"col":' then ',"col":' ...: the JSON text before each value. */
  keys: string[];
}

/** A string JSON.stringify would escape, or with a surrogate (paired or not). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/**
 * After JSON.stringify: a NUL or a lone surrogate, which SQLite may store otherwise than given,
 * so the row is read back instead (an escaped backslash before such letters only costs that row
 * the read-back).
 */
const DOUBTFUL_TEXT = /\\u(?:0000|d[89a-f])/;

/**
 * A value as json_object() writes the value SQLite stores for it in a column of this type, or
 * null when that is not certain (a number in a text column, a string in an integer column, a
 * fraction, a bigint, a buffer, a NUL or a lone surrogate in a string): the caller then reads the
 * row back. `text`: the column is text or json (its value is stored as given).
 */
function encodeStored(value: unknown, text: boolean): string | null {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': {
      if (!text) return null;
      if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
      const json = JSON.stringify(value);
      return DOUBTFUL_TEXT.test(json) ? null : json;
    }
    case 'number':
      return !text && Number.isSafeInteger(value) ? String(value) : null;
    case 'boolean':
      return text ? null : value ? '1' : '0';
    default:
      return null;
  }
}

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
  private readonly shapes = new Map<string, NewRowShape>();
  private readonly readBack = new Map<string, Statement>();
  /**
   * Under tests (or SIMPUL_CAPTURE_VERIFY=1) every entry written from a caller's values is compared
   * with the row read back, so a write path that passes other values than it stored fails its tests.
   */
  private readonly verify = Boolean(process.env.VITEST || process.env.SIMPUL_CAPTURE_VERIFY);

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
      this.readBack.set(t.name, db.sqlite.prepare(`SELECT json_object(${pairs}) FROM "${t.name}" WHERE id = ?`).pluck());
      const columns = Object.keys(t.columns);
      this.shapes.set(t.name, { columns, text: columns.map((c) => t.columns[c].type === 'text' || t.columns[c].type === 'json'), keys: columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c)}:`) });
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

  /** Where an insert binding `columns` puts each synced column of `table`, and its id; refuses one that leaves any out. */
  private bound(table: string, columns: readonly string[]): { shape: NewRowShape; positions: number[]; idAt: number } {
    const shape = this.shape(table);
    const positions = shape.columns.map((c) => {
      const at = columns.indexOf(c);
      if (at < 0) throw new Error(`capture: an insert into ${table} without ${c}`);
      return at;
    });
    const idAt = columns.indexOf('id');
    if (idAt < 0) throw new Error(`capture: an insert into ${table} without id`);
    return { shape, positions, idAt };
  }

  /**
   * record(table, rowId, null, now) for a row just inserted by a statement that binds `columns`
   * in this order (every synced column among them; capturedInsert binds all of a table's): the
   * returned function takes the bound values, the row's id among them, and writes the entry from
   * them as json_object() would write the stored row, without reading the row back. A value
   * SQLite might store otherwise than given (see encodeStored) makes it read the row back.
   */
  insertRecorder(table: string, columns: readonly string[]): (values: readonly unknown[], now: string) => void {
    const { shape, positions, idAt } = this.bound(table, columns);
    return (values, now) => {
      const rowId = values[idAt] as string;
      let fields = '';
      for (let i = 0; i < positions.length; i++) {
        const encoded = encodeStored(values[positions[i]], shape.text[i]);
        if (encoded === null) return this.record(table, rowId, null, now);
        fields += shape.keys[i] + encoded;
      }
      this.writeNew(table, rowId, `${fields}}`, now);
    };
  }

  /**
   * A prepared INSERT of one row into a synced table that also writes the row's outbox entry from
   * the values it binds (insertRecorder): `run(now, ...params)` takes better-sqlite3's parameters.
   * The statement must name its columns with values that are `?`, named parameters (@name,
   * :name, $name), integers, 'text' or NULL; a synced column left out must have a constant
   * default. Anything else is refused here, when the statement is prepared (a writer with
   * another statement calls record()).
   */
  insertStatement(table: string, sql: string): CapturedInsert {
    const m = /^\s*INSERT\s+INTO\s+"?(\w+)"?\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*$/is.exec(sql);
    if (!m || m[1] !== table) throw new Error(`capture: not a one-row INSERT INTO ${table}: ${sql}`);
    const columns = m[2].split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const tokens = m[3].split(',').map((t) => t.trim());
    if (columns.length !== tokens.length) throw new Error(`capture: ${columns.length} columns and ${tokens.length} values in ${sql}`);
    let positional = 0;
    const literal = (t: string): { value: unknown } | null => {
      if (/^-?\d+$/.test(t) && Number.isSafeInteger(Number(t))) return { value: Number(t) };
      if (/^'[^']*'$/.test(t)) return { value: t.slice(1, -1) };
      if (/^null$/i.test(t)) return { value: null };
      if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) ? 1 : 0 };
      return null;
    };
    // Per column: where its value comes from.
    const sources = tokens.map((t): { at: number } | { name: string } | { value: unknown } => {
      if (t === '?') return { at: positional++ };
      const named = /^[@:$](\w+)$/.exec(t);
      if (named) return { name: named[1] };
      const constant = literal(t);
      if (constant) return constant;
      throw new Error(`capture: value ${t} in ${sql} (only ?, named parameters, integers, 'text' and NULL)`);
    });
    // A synced column the statement leaves out gets its declared default, as SQLite writes it.
    const declared = this.db.sqlite.prepare(`SELECT name, dflt_value FROM pragma_table_info('${table}')`).all() as { name: string; dflt_value: string | null }[];
    for (const column of this.shape(table).columns) {
      if (columns.includes(column)) continue;
      const d = declared.find((c) => c.name === column);
      const constant = d ? (d.dflt_value === null ? { value: null } : literal(d.dflt_value)) : null;
      if (!constant) throw new Error(`capture: ${sql} leaves out ${column}, whose default is not a constant`);
      columns.push(column);
      sources.push(constant);
    }
    const statement = this.db.sqlite.prepare(sql);
    const recordNew = this.insertRecorder(table, columns);
    return (now, ...params) => {
      const result = statement.run(...params);
      const named = (params.length > 0 && typeof params[params.length - 1] === 'object' && params[params.length - 1] !== null && !Buffer.isBuffer(params[params.length - 1]) ? params[params.length - 1] : {}) as Record<string, unknown>;
      const values = sources.map((s) => ('at' in s ? params[s.at] : 'name' in s ? named[s.name] : s.value));
      recordNew(values, now);
      return result;
    };
  }

  private readonly insertsOutbox = new Map<number, Statement>();

  /**
   * insertRecorder for a multi-row insert (rawInsertMany's): `values` holds `rows` rows of
   * `columns`, one after another. One outbox statement for them all, entries in row order, each
   * with its own HLC, as recordInserts writes them (which it falls back to if a value is doubtful).
   */
  insertsRecorder(table: string, columns: readonly string[]): (values: readonly unknown[], rows: number, now: string) => void {
    const { shape, positions, idAt } = this.bound(table, columns);
    const width = columns.length;
    return (values, rows, now) => {
      if (rows > BULK) throw new RangeError(`capture: ${rows} rows in one statement (at most ${BULK})`);
      const all: string[] = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const base = r * width;
        let fields = '';
        for (let i = 0; i < positions.length; i++) {
          const encoded = encodeStored(values[base + positions[i]], shape.text[i]);
          if (encoded === null) return this.recordInserts(table, Array.from({ length: rows }, (_, k) => values[k * width + idAt] as string), now);
          fields += shape.keys[i] + encoded;
        }
        all[r] = `${fields}}`;
      }
      let statement = this.insertsOutbox.get(rows);
      if (!statement) {
        statement = this.db.sqlite.prepare(`INSERT INTO sync_outbox (table_name, row_id, hlc, base_seq, fields, created_at) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, 0, ?, ?)').join(', ')}`);
        this.insertsOutbox.set(rows, statement);
      }
      const args: unknown[] = new Array(rows * 5);
      for (let r = 0; r < rows; r++) {
        args[r * 5] = table;
        args[r * 5 + 1] = values[r * width + idAt];
        args[r * 5 + 2] = this.clock.now();
        args[r * 5 + 3] = all[r];
        args[r * 5 + 4] = now;
      }
      statement.run(args);
      this.clockDirty = true;
      if (this.verify) for (let r = 0; r < rows; r++) this.check(table, values[r * width + idAt] as string, all[r]);
    };
  }

  private writeNew(table: string, rowId: string, fields: string, now: string): void {
    this.insertOutbox.run(table, rowId, this.clock.now(), 0, fields, now);
    this.clockDirty = true;
    if (this.verify) this.check(table, rowId, fields);
  }

  /** Under tests: the entry written from a caller's values is the one the row read back gives. */
  private check(table: string, rowId: string, fields: string): void {
    const stored = this.readBack.get(table)!.get(rowId) as string | undefined;
    if (stored === undefined) throw new Error(`capture: ${table} ${rowId} vanished inside its own transaction`);
    if (!sameJson(JSON.parse(stored), JSON.parse(fields))) throw new Error(`capture: the values given for new ${table} ${rowId} are not the row stored: ${fields} against ${stored}`);
  }

  private shape(table: string): NewRowShape {
    const shape = this.shapes.get(table);
    if (!shape) throw new Error(`capture: ${table} is not a synced table`);
    if (syncedTable(table)!.scope.kind === 'reference') throw new Error(`capture: ${table} is reference data; only the head office writes it`);
    return shape;
  }

  /**
   * Records what changed in the row since `before` (null: the row is new). `after`: the row as
   * the caller has just read it with snapshot(), which is then not read again.
   */
  record(table: string, rowId: string, before: RowSnapshot, now: string, after?: RowSnapshot): void {
    if (before === null) {
      if (syncedTable(table)?.scope.kind === 'reference') throw new Error(`capture: ${table} is reference data; only the head office writes it`);
      const result = this.insertsFromRow.get(table)?.run(this.clock.now(), now, rowId);
      if (!result) throw new Error(`capture: ${table} is not a synced table`);
      if (result.changes !== 1) throw new Error(`capture: ${table} ${rowId} vanished inside its own transaction`);
      this.clockDirty = true;
      return;
    }
    if (after === undefined) after = this.snapshot(table, rowId);
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

/** Same JSON values (objects compared key by key, in any order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
