import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { CDNOW_SAMPLE } from '../../support/datasets.js';
import { frontOfficeCounts, upload } from './support.js';

/**
 * CDNOW (shared/datasets/cdnow) is a real outside export: whitespace-separated,
 * no header in the sample, dollars with a decimal point, dates as YYYYMMDD.
 * It must import through the ordinary mapping, at a dollar rate the clerk types.
 */
const SAMPLE = CDNOW_SAMPLE();
const RATE = '15000';

/** What the file says, computed here without the importer: rows, distinct customers, total in Rupiah. */
function expected() {
  const rows = readFileSync(SAMPLE, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s+/));
  let total = 0n;
  for (const r of rows) {
    const [whole, cents = ''] = r[4].split('.');
    const hundredths = BigInt(whole) * 100n + BigInt(cents.padEnd(2, '0'));
    total += (hundredths * 15000n + 50n) / 100n; // half up, to whole Rupiah
  }
  return { rows: rows.length, customers: new Set(rows.map((r) => r[0])).size, total: Number(total), first: rows[0] };
}

describe('transaction import from a real outside export (CDNOW)', () => {
  let b: TestBranch;
  let uploadId: string;
  const want = expected();
  beforeAll(async () => {
    b = await makeBranch();
    uploadId = await upload(b, 'CDNOW_sample.txt', readFileSync(SAMPLE));
  });
  afterAll(() => b?.cleanup());

  it('reads the headerless, space-aligned file and guesses its columns by what they hold', async () => {
    const i = await b.ok('imports.inspect', { uploadId, kind: 'transactions' });
    expect(i).toMatchObject({ format: 'csv', delimiter: 'whitespace', hasHeader: false });
    expect(i.columns.map((c: any) => c.header)).toEqual([null, null, null, null, null]);
    expect(i.guess).toMatchObject({
      columns: [
        { column: 0, field: 'customerRef' },
        { column: 2, field: 'occurredAt' },
        { column: 3, field: 'itemCount' },
        { column: 4, field: 'amount' },
      ],
      dateFormat: 'YYYYMMDD',
      numberFormat: 'en',
    });
  });

  it('without "register missing customers" every row is reported, nothing written', async () => {
    const { guess } = await b.ok('imports.inspect', { uploadId, kind: 'transactions' });
    const p = await b.ok('imports.preview', { uploadId, kind: 'transactions', mapping: { ...guess, currencyRate: RATE } });
    expect(p).toMatchObject({ totalRows: want.rows, invalidRows: want.rows, issueCount: want.rows });
    expect(p.issues[0]).toMatchObject({ row: 1, column: '#1', field: 'customerRef', code: 'unknown_customer', value: want.first[0] });
  });

  it('imports every purchase in whole Rupiah at the typed rate, registering each outside customer once', async () => {
    const { guess } = await b.ok('imports.inspect', { uploadId, kind: 'transactions' });
    const events: any[] = [];
    const off = b.core.onEvent((e) => e.type === 'import.progress' && events.push(e));
    const batch = await b.ok('imports.run', { uploadId, kind: 'transactions', mapping: { ...guess, currencyRate: RATE, missingCustomer: 'create' }, onError: 'refuse' });
    off();
    expect(batch).toMatchObject({ status: 'done', totalRows: want.rows, created: want.rows, invalidRows: 0 });
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ phase: 'writing', rows: want.rows, fraction: 1 });
    expect(events.some((e) => e.phase === 'checking')).toBe(true);
    const db = b.core.services.db.sqlite;
    expect(db.prepare('SELECT count(*) AS n, sum(amount) AS total FROM transactions').get()).toEqual({ n: want.rows, total: want.total });
    expect(db.prepare('SELECT count(*) FROM customers WHERE external_ref IS NOT NULL').pluck().get()).toBe(want.customers);
    const first = db.prepare('SELECT t.occurred_at, t.item_count, t.amount, c.full_name FROM transactions t JOIN customers c ON c.id = t.customer_id ORDER BY t.seq LIMIT 1').get();
    // 00004, 19970101, 2 CDs, $29.33 -> Rp439.950; the day at noon WIB.
    expect(first).toEqual({ occurred_at: '1997-01-01T05:00:00.000Z', item_count: 2, amount: 439_950, full_name: 'Pelanggan 00004' });
    // The purchases are on the customer's timeline.
    const id = db.prepare("SELECT id FROM customers WHERE external_ref = '00004'").pluck().get() as string;
    const p = await b.ok('customers.profile360', { id });
    expect(p.stats.purchases).toBe(4);
    expect(p.timeline.entries.filter((e: any) => e.kind === 'purchase')).toHaveLength(4);
  });

  it('a second file of purchases finds the customers by their outside number', async () => {
    const id = await upload(b, 'more.csv', 'ID Pelanggan;Tanggal;Jumlah;Nilai\n00004;02/01/1998;1;12,50\n99999;03/01/1998;1;5,00\n');
    const { guess } = await b.ok('imports.inspect', { uploadId: id, kind: 'transactions' });
    expect(guess.columns.map((c: any) => c.field)).toEqual(['customerRef', 'occurredAt', 'itemCount', 'amount']);
    const before = frontOfficeCounts(b).customers;
    const batch = await b.ok('imports.run', { uploadId: id, kind: 'transactions', mapping: { ...guess, currencyRate: RATE } });
    expect(batch).toMatchObject({ created: 1, invalidRows: 1 });
    expect(frontOfficeCounts(b).customers).toBe(before);
    const report = await b.ok('imports.report', { id: batch.id });
    expect(report.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([[3, 'ID Pelanggan', 'unknown_customer']]);
    await b.ok('imports.undo', { id: batch.id });
  });

  it('undo voids every imported purchase and removes the customers it registered, as changes that sync', async () => {
    // Its own branch and the file's first 600 purchases: voiding runs the report rollups' update trigger once per row.
    const lines = readFileSync(SAMPLE, 'utf8').split('\n').slice(0, 600).join('\n');
    const subset = { rows: 600, customers: new Set(lines.split('\n').map((l) => l.trim().split(/\s+/)[0])).size };
    const other = await makeBranch({ code: 'UNDO1' });
    try {
      const id = await upload(other, 'CDNOW_600.txt', lines);
      const { guess } = await other.ok('imports.inspect', { uploadId: id, kind: 'transactions' });
      const batch = await other.ok('imports.run', { uploadId: id, kind: 'transactions', mapping: { ...guess, currencyRate: RATE, missingCustomer: 'create' } });
      expect(batch.created).toBe(subset.rows);
      const outbox = frontOfficeCounts(other).outbox;
      const undone = await other.ok('imports.undo', { id: batch.id });
      expect(undone.undo).toEqual({ removed: subset.rows + subset.customers, archived: 0, restored: 0, kept: 0 });
      const db = other.core.services.db.sqlite;
      expect(db.prepare('SELECT count(*) FROM transactions WHERE voided_at IS NULL').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(subset.rows);
      expect(frontOfficeCounts(other).customers).toBe(0);
      expect(frontOfficeCounts(other).outbox - outbox).toBe(subset.rows + subset.customers);
    } finally {
      other.cleanup();
    }
  });
});
