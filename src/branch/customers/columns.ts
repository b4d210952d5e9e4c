import { getTableColumns } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { ChangeCapture } from '../sync/capture.js';
import { contactPoints, customers } from '../db/schema.js';
import type { CustomerCreate, CustomerPatch } from '../../shared/domain/customer.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import { newId } from '../../shared/domain/ids.js';

/** How contract inputs become customers and contact_points columns. */

export type ContactInsert = typeof contactPoints.$inferInsert;

/** A new customer's optional columns, before the input fills some in. */
export const EMPTY_PROFILE = {
  nickname: null,
  nik: null,
  birthDate: null,
  gender: null,
  occupation: null,
  notes: null,
  addressLine: null,
  city: null,
  province: null,
  postalCode: null,
  hobbies: null,
  likes: null,
  dislikes: null,
  ambitions: null,
  shoppingHabits: null,
  preferredChannel: null,
  preferredContactTime: null,
  preferredLanguage: null,
  externalRef: null,
};

const TEXT_FIELDS = ['nickname', 'nik', 'birthDate', 'gender', 'occupation', 'notes', 'likes', 'dislikes', 'ambitions', 'shoppingHabits', 'preferredChannel', 'preferredContactTime', 'preferredLanguage', 'externalRef'] as const;

/** Profile columns present in a create or patch input (undefined = not given). */
export function profileColumns(input: CustomerPatch): Partial<typeof customers.$inferInsert> {
  const out: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) if (input[field] !== undefined) out[field] = input[field];
  if (input.hobbies !== undefined) out.hobbies = input.hobbies.length > 0 ? JSON.stringify([...new Set(input.hobbies)]) : null;
  if (input.address !== undefined) {
    const a = input.address;
    if (a.line !== undefined) out.addressLine = a.line;
    if (a.city !== undefined) out.city = a.city;
    if (a.province !== undefined) out.province = a.province;
    if (a.postalCode !== undefined) out.postalCode = a.postalCode;
  }
  return out as Partial<typeof customers.$inferInsert>;
}

export function contactRows(customerId: string, input: Pick<CustomerCreate, 'phones' | 'emails'>, now: string): ContactInsert[] {
  // Literals without a spread: V8 builds a spread-then-extended object on a slow path (~15 us each).
  const phones = (input.phones ?? []).map((p, i): ContactInsert => {
    const n = normalisePhone(p.number)!; // validated by the contract schema
    return {
      customerId,
      createdAt: now,
      updatedAt: now,
      deleted: false,
      id: newId(),
      kind: 'phone',
      value: n.e164,
      phoneKind: n.kind,
      label: p.label,
      whatsapp: p.whatsapp,
      verified: p.verified,
      invalid: p.invalid,
      isPrimary: i === 0,
      position: i,
    };
  });
  const emails = (input.emails ?? []).map((e, i): ContactInsert => ({
    customerId,
    createdAt: now,
    updatedAt: now,
    deleted: false,
    id: newId(),
    kind: 'email',
    value: e.address,
    phoneKind: null,
    label: null,
    whatsapp: false,
    verified: e.verified,
    invalid: e.invalid,
    isPrimary: i === 0,
    position: i,
  }));
  return [...phones, ...emails];
}

export function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}

/**
 * A plain prepared INSERT of every column (but seq) of a drizzle table,
 * taking the row by property name. Used on the hot paths (imports write
 * tens of thousands of rows a second): drizzle's prepared insert rebuilds
 * its parameter list on every call.
 */
export function rawInsert(db: BranchDatabase, table: Parameters<typeof getTableColumns>[0], tableName: string): (row: Record<string, unknown>) => number {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'seq');
  const statement = db.sqlite.prepare(`INSERT INTO "${tableName}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  return (row) => {
    const values = columns.map(([key]) => {
      const v = row[key];
      return v === true ? 1 : v === false ? 0 : v === undefined ? null : v;
    });
    return Number(statement.run(values).lastInsertRowid);
  };
}

/**
 * rawInsert with change capture: the row's outbox entry is written from the same values the
 * insert bound (ChangeCapture.insertRecorder), as `capture.record(table, id, null, now)` after
 * rawInsert would write it from the row read back.
 */
export function capturedInsert(
  db: BranchDatabase,
  capture: ChangeCapture,
  table: Parameters<typeof getTableColumns>[0],
  tableName: string,
): (row: Record<string, unknown>, now: string) => number {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'seq');
  const keys = columns.map(([key]) => key);
  const statement = db.sqlite.prepare(`INSERT INTO "${tableName}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const recordNew = capture.insertRecorder(tableName, columns.map(([, c]) => c.name));
  return (row, now) => {
    const values: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const v = row[keys[i]];
      values[i] = v === true ? 1 : v === false ? 0 : v === undefined ? null : v;
    }
    const seq = Number(statement.run(values).lastInsertRowid);
    recordNew(values, now);
    return seq;
  };
}

/**
 * rawInsert for many rows at once: one multi-row INSERT per call (up to
 * `max` rows; statements kept per row count). One statement for 100 rows
 * instead of 100 is what makes an import fast: SQLite sets up a statement's
 * run, and each BEFORE trigger's sub-program, once per statement, not per row.
 * Returns the seq of the first row; a table with an INTEGER PRIMARY KEY and
 * no AUTOINCREMENT gives one statement's rows consecutive seqs.
 */
export function rawInsertMany(db: BranchDatabase, table: Parameters<typeof getTableColumns>[0], tableName: string, max = 100): (rows: Record<string, unknown>[]) => number {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'seq');
  const keys = columns.map(([key]) => key);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO "${tableName}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES `;
  const statements = new Map<number, Statement>();
  const statementFor = (n: number) => {
    let s = statements.get(n);
    if (!s) statements.set(n, (s = db.sqlite.prepare(head + Array.from({ length: n }, () => tuple).join(', '))));
    return s;
  };
  return (rows) => {
    if (rows.length === 0 || rows.length > max) throw new RangeError(`rawInsertMany: ${rows.length} rows (1 to ${max} at a time)`);
    const values: unknown[] = [];
    for (const row of rows) {
      for (const key of keys) {
        const v = row[key];
        values.push(v === true ? 1 : v === false ? 0 : v === undefined ? null : v);
      }
    }
    const last = Number(statementFor(rows.length).run(values).lastInsertRowid);
    return last - rows.length + 1;
  };
}

/**
 * rawInsertMany with change capture: the rows' outbox entries are written from the same values,
 * in one statement (ChangeCapture.insertsRecorder), as recordInserts after rawInsertMany would
 * write them from the rows read back. Returns the seq of the first row.
 */
export function capturedInsertMany(
  db: BranchDatabase,
  capture: ChangeCapture,
  table: Parameters<typeof getTableColumns>[0],
  tableName: string,
  max = 100,
): (rows: Record<string, unknown>[], now: string) => number {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'seq');
  const keys = columns.map(([key]) => key);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO "${tableName}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES `;
  const statements = new Map<number, Statement>();
  const recordNew = capture.insertsRecorder(tableName, columns.map(([, c]) => c.name));
  return (rows, now) => {
    if (rows.length === 0 || rows.length > max) throw new RangeError(`capturedInsertMany: ${rows.length} rows (1 to ${max} at a time)`);
    let s = statements.get(rows.length);
    if (!s) statements.set(rows.length, (s = db.sqlite.prepare(head + Array.from({ length: rows.length }, () => tuple).join(', '))));
    const values: unknown[] = [];
    for (const row of rows) {
      for (const key of keys) {
        const v = row[key];
        values.push(v === true ? 1 : v === false ? 0 : v === undefined ? null : v);
      }
    }
    const last = Number(s.run(values).lastInsertRowid);
    recordNew(values, rows.length, now);
    return last - rows.length + 1;
  };
}
