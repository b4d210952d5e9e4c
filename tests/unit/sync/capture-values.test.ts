import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openBranchDatabase, type BranchDatabase } from '../../../src/branch/db/open.js';
import { ChangeCapture } from '../../../src/branch/sync/capture.js';
import { newId } from '../../../src/shared/domain/ids.js';

/**
 * ChangeCapture.recordInsert / insertRecorder write a new row's outbox entry from the values the
 * insert bound; the entry must be the one record(table, id, null, now) writes from the row read
 * back, whatever the values (a value SQLite may store otherwise makes it read the row back).
 */

let db: BranchDatabase;
let capture: ChangeCapture;
const now = '2026-12-04T01:00:00.000Z';
const cols = ['id', 'customer_id', 'kind', 'value', 'phone_kind', 'label', 'whatsapp', 'verified', 'invalid', 'is_primary', 'position', 'created_at', 'updated_at', 'deleted'];

beforeEach(() => {
  db = openBranchDatabase({ file: ':memory:' });
  capture = new ChangeCapture(db);
  // The contact points' customer (the report triggers of contact points look it up).
  db.asSyncWriter(() =>
    db.sqlite
      .prepare("INSERT INTO customers (id, customer_number, full_name, sort_name, home_branch_id, created_at, updated_at, created_by, updated_by) VALUES ('c1', 'UJI01-000001', 'Budi', 'budi', 'b', ?, ?, 'u', 'u')")
      .run(now, now),
  );
});
afterEach(() => db.close());

const insert = (values: unknown[]) =>
  db.asSyncWriter(() => db.sqlite.prepare(`INSERT INTO contact_points (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(values));
const entries = () => (db.sqlite.prepare('SELECT table_name, row_id, base_seq, fields FROM sync_outbox ORDER BY seq').all() as { row_id: string; base_seq: number; fields: string }[]).map((e) => ({ ...e, fields: JSON.parse(e.fields) }));

describe('new rows captured from the values bound', () => {
  it('writes the entry record() writes from the stored row, for any text and numbers (or reads the row back)', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), fc.constantFrom('', 'a"b', 'back\\slash', 'nul\u0000x', 'lone\ud800', '\udc00', 'tab\tnew\nline', 'emoji 😀', '\\u0000', '\\ud800'));
    const num = fc.oneof(fc.integer(), fc.constantFrom(0, -0, 1, 2 ** 53 - 1, 1.5, 2 ** 53, 1e20, -7));
    fc.assert(
      fc.property(text, fc.option(text), fc.oneof(num, fc.boolean()), num, (value, label, whatsapp, position) => {
        db.sqlite.exec('DELETE FROM sync_outbox');
        const row = (id: string) => [id, 'c1', 'phone', value, 'mobile', label, whatsapp === true ? 1 : whatsapp === false ? 0 : whatsapp, 0, 0, 1, position, now, now, 0];
        const a = newId();
        const b = newId();
        insert(row(a));
        capture.record('contact_points', a, null, now);
        const values = row(b);
        insert(values);
        capture.insertRecorder('contact_points', cols)(values, now);
        const [old, fresh] = entries();
        expect(fresh.fields).toEqual(old.fields);
        expect(fresh.base_seq).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('many rows in one statement: the entries recordInserts writes, in row order (or through it, when a value is doubtful)', () => {
    for (const doubtful of [false, true]) {
      db.sqlite.exec('DELETE FROM sync_outbox');
      const rows = (n: number) => Array.from({ length: n }, (_, i) => [newId(), 'c1', 'phone', doubtful && i === 3 ? 'x\ud800' : `+62812${i}`, 'mobile', null, i % 2, 0, 1, i === 0 ? 1 : 0, i, now, now, 0]);
      const a = rows(7);
      const b = rows(7);
      for (const r of a) insert(r);
      capture.recordInserts('contact_points', a.map((r) => r[0] as string), now);
      for (const r of b) insert(r);
      capture.insertsRecorder('contact_points', cols)(b.flat(), b.length, now);
      const all = entries();
      expect(all.slice(7).map((e) => e.fields)).toEqual(all.slice(0, 7).map((e) => e.fields));
      expect(all.slice(7).map((e) => e.row_id)).toEqual(b.map((r) => r[0]));
      const hlcs = db.sqlite.prepare('SELECT hlc FROM sync_outbox ORDER BY seq').pluck().all() as string[];
      expect([...hlcs].sort()).toEqual(hlcs);
    }
  });

  it('refuses an insert that leaves out a synced column, or whose values it cannot read', () => {
    expect(() => capture.insertRecorder('contact_points', cols.filter((c) => c !== 'value'))).toThrow(/without value/);
    expect(() => capture.insertStatement('contact_points', `INSERT INTO contact_points (${cols.join(', ')}) VALUES (${cols.map((c) => (c === 'value' ? 'lower(?)' : '?')).join(', ')})`)).toThrow(/lower/);
  });

  it('insertStatement captures positional and named parameters, literals and constant defaults', () => {
    const insertNamed = capture.insertStatement(
      'contact_points',
      "INSERT INTO contact_points (id, customer_id, kind, value, phone_kind, label, position, created_at, updated_at) VALUES (@id, 'c1', 'email', :value, NULL, NULL, 2, @now, @now)",
    );
    const id = newId();
    db.asSyncWriter(() => insertNamed(now, { id, value: 'a@b.id', now }));
    expect(entries()[0].fields).toMatchObject({ kind: 'email', value: 'a@b.id', position: 2, whatsapp: 0, verified: 0, deleted: 0, created_at: now });
  });

  it('under tests, refuses values that are not the row stored', () => {
    const id = newId();
    const values = [id, 'c1', 'phone', '+628123', 'mobile', null, 0, 0, 0, 1, 0, now, now, 0];
    insert(values);
    const other = [...values];
    other[3] = '+628999';
    expect(() => capture.insertRecorder('contact_points', cols)(other, now)).toThrow(/not the row stored/);
  });
});
