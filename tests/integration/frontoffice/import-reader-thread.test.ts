import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { frontOfficeCounts, upload } from './support.js';

/**
 * Imports whose rows are read and checked in the import reader thread
 * (imports/row-source.ts, row-worker.ts) while the core writes: the same
 * rows, row numbers, issues, writes, outbox entries, journal and undo as
 * reading on the core's own thread.
 */

const MAPPING = { columns: ['fullName', 'phone', 'email', 'birthDate', 'externalRef'].map((field, column) => ({ column, field })), dateFormat: 'DD/MM/YYYY' };

/** 4,500 rows (three chunks of the writing pass, the last one short), with bad rows in each chunk and a repeated person. */
function bigCsv(): string {
  const lines = ['Nama,HP,Email,Tgl Lahir,Ref'];
  for (let i = 0; i < 4500; i++) {
    const row = i + 2;
    if (row === 10) lines.push(`Salah Telepon,12,salah${i}@contoh.co.id,01/01/1990,T-${i}`);
    else if (row === 2503) lines.push(`Salah Tanggal,0877-${String(6000_0000 + i)},,31/02/1990,T-${i}`);
    else if (row === 4400) lines.push(`,0877-${String(6000_0000 + i)},,,`);
    // The person of row 2 again, found by phone: an update (adds the email).
    else if (row === 4401) lines.push('Pelanggan Benang 0,0877-6000-0000,benang.lagi@contoh.co.id,,');
    else lines.push(`Pelanggan Benang ${i},0877-${String(6000_0000 + i)},benang${i}@contoh.co.id,${String((i % 28) + 1).padStart(2, '0')}/05/1990,T-${i}`);
  }
  return `${lines.join('\n')}\n`;
}

async function branchReading(mode: 'always' | 'never'): Promise<TestBranch> {
  const b = await makeBranch();
  b.core.services.imports.readerThread = mode;
  return b;
}

function outboxByTable(b: TestBranch): Record<string, number> {
  const rows = b.core.services.db.sqlite.prepare('SELECT table_name AS t, count(*) AS n FROM sync_outbox GROUP BY table_name').all() as { t: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

describe('import rows read in the reader thread', () => {
  let threaded: TestBranch;
  let inline: TestBranch;
  beforeAll(async () => {
    [threaded, inline] = await Promise.all([branchReading('always'), branchReading('never')]);
  });
  afterAll(() => {
    threaded?.cleanup();
    inline?.cleanup();
  });

  it('previews exactly as reading on the core thread: issues by row number, creates and updates', async () => {
    const csv = bigCsv();
    const [a, b] = await Promise.all([threaded, inline].map(async (x) => x.ok('imports.preview', { uploadId: await upload(x, 'benang.csv', csv), kind: 'customers', mapping: MAPPING })));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ totalRows: 4500, invalidRows: 3, create: 4496, update: 1 });
    expect(a.issues.map((i: any) => [i.row, i.column, i.code, i.value])).toEqual([
      [10, 'HP', 'invalid_phone', '12'],
      [2503, 'Tgl Lahir', 'invalid_date', '31/02/1990'],
      [4400, 'Nama', 'required', null],
    ]);
  });

  it('"refuse all" with bad rows writes nothing and keeps the report, from the thread', async () => {
    const before = frontOfficeCounts(threaded);
    const batch = await threaded.ok('imports.run', { uploadId: await upload(threaded, 'benang.csv', bigCsv()), kind: 'customers', mapping: MAPPING, onError: 'refuse' });
    expect(batch).toMatchObject({ status: 'refused', totalRows: 4500, invalidRows: 3, created: 0 });
    expect(frontOfficeCounts(threaded)).toEqual(before);
    const report = await threaded.ok('imports.report', { id: batch.id });
    expect(report.issues.map((i: any) => i.row)).toEqual([10, 2503, 4400]);
  });

  it('imports the valid rows with the same writes, outbox entries, journal and progress as the core thread', async () => {
    const csv = bigCsv();
    const events: any[] = [];
    const off = threaded.core.onEvent((e) => e.type === 'import.progress' && events.push(e));
    const [a, b] = await Promise.all([threaded, inline].map(async (x) => x.ok('imports.run', { uploadId: await upload(x, 'benang.csv', csv), kind: 'customers', mapping: MAPPING, onError: 'skip' })));
    off();
    const counts = (x: any) => ({ status: x.status, totalRows: x.totalRows, validRows: x.validRows, invalidRows: x.invalidRows, created: x.created, updated: x.updated, unchanged: x.unchanged });
    expect(counts(a)).toEqual(counts(b));
    expect(a).toMatchObject({ status: 'done', totalRows: 4500, invalidRows: 3, created: 4496, updated: 1 });
    const issues = async (x: TestBranch, id: string) => (await x.ok('imports.report', { id })).issues.map((i: any) => [i.row, i.column, i.code, i.value]);
    expect(await issues(threaded, a.id)).toEqual(await issues(inline, b.id));
    expect(frontOfficeCounts(threaded)).toEqual(frontOfficeCounts(inline));
    // Every written row has its outbox entry (sync sees all of them): 4,496 customers and 4,496 phones + 4,495 emails + the added one.
    expect(outboxByTable(threaded)).toEqual(outboxByTable(inline));
    const db = threaded.core.services.db.sqlite;
    const ids = db.prepare("SELECT id FROM customers WHERE external_ref LIKE 'T-%'").pluck().all() as string[];
    expect(ids).toHaveLength(4496);
    const missing = db.prepare("SELECT count(*) FROM customers c WHERE c.external_ref LIKE 'T-%' AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = 'customers' AND o.row_id = c.id)").pluck().get();
    expect(missing).toBe(0);
    const contactsWithout = db.prepare("SELECT count(*) FROM contact_points p WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = 'contact_points' AND o.row_id = p.id)").pluck().get();
    expect(contactsWithout).toBe(0);
    // Phones stored in E.164 with their kind, though this thread never parsed them itself.
    expect(db.prepare("SELECT value, phone_kind FROM contact_points WHERE kind = 'phone' AND customer_id = (SELECT id FROM customers WHERE external_ref = 'T-4499')").get()).toEqual({ value: '+6287760004499', phone_kind: 'mobile' });
    expect((await threaded.ok('customers.search', { query: '0877-6000-4499' })).rows.map((r: any) => r.id)).toHaveLength(1);
    // The repeated person got the email of row 4401.
    const first = await threaded.ok('customers.get', { id: db.prepare("SELECT id FROM customers WHERE external_ref = 'T-0'").pluck().get() });
    expect(first.emails.map((e: any) => e.address).sort()).toEqual(['benang.lagi@contoh.co.id', 'benang0@contoh.co.id']);
    // Progress: chunk by chunk, rising, ending at the whole file.
    const writing = events.filter((e) => e.phase === 'writing' && e.batchId === a.id);
    expect(writing.length).toBeGreaterThanOrEqual(1);
    expect(writing.at(-1)).toMatchObject({ rows: 4500, fraction: 1 });
    for (let i = 1; i < writing.length; i++) expect(writing[i].fraction).toBeGreaterThanOrEqual(writing[i - 1].fraction);
  });

  it('undoes a whole threaded import, as captured edits', async () => {
    const [batch] = await threaded.ok('imports.list', {});
    const outboxBefore = frontOfficeCounts(threaded).outbox;
    const undone = await threaded.ok('imports.undo', { id: batch.id });
    expect(undone).toMatchObject({ status: 'undone', undo: { removed: 4497, archived: 0, restored: 0 } });
    expect(frontOfficeCounts(threaded).customers).toBe(0);
    expect(frontOfficeCounts(threaded).contacts).toBe(0);
    expect(frontOfficeCounts(threaded).outbox).toBeGreaterThan(outboxBefore + 4496);
    expect((await threaded.ok('customers.search', { query: 'Benang' })).rows).toEqual([]);
  });

  it('reads an Excel workbook in the thread', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Nama Lengkap', 'Telepon', 'Tanggal Lahir']);
    sheet.addRow(['Gita Gutawa', 81299990000, new Date(Date.UTC(1993, 7, 11))]);
    sheet.addRow(['Hadi Susanto', 'nomor', new Date(Date.UTC(1979, 0, 5))]);
    const id = await upload(threaded, 'pelanggan.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const batch = await threaded.ok('imports.run', { uploadId: id, kind: 'customers', mapping: { columns: ['fullName', 'phone', 'birthDate'].map((field, column) => ({ column, field })) } });
    expect(batch).toMatchObject({ status: 'done', created: 1, invalidRows: 1 });
    expect((await threaded.ok('imports.report', { id: batch.id })).issues.map((i: any) => [i.row, i.column, i.code])).toEqual([[3, 'Telepon', 'invalid_phone']]);
    expect((await threaded.ok('customers.search', { query: 'gita' })).rows[0]).toMatchObject({ birthDate: '1993-08-11', primaryPhone: '+6281299990000' });
  });

  it('a file that breaks off mid-way: FILE_UNREADABLE from the thread, the batch interrupted, its written chunks undoable', async () => {
    const lines = ['Nama,HP,Email,Tgl Lahir,Ref'];
    for (let i = 0; i < 2100; i++) lines.push(`Pelanggan Putus ${i},0877-${String(7000_0000 + i)},,,P-${i}`);
    lines.push('"Pelanggan tanpa tanda kutip penutup,0877-7999-9999,,,P-X');
    const before = frontOfficeCounts(threaded);
    const r = await threaded.core.call(threaded.session, 'imports.run', { uploadId: await upload(threaded, 'putus.csv', lines.join('\n')), kind: 'customers', mapping: MAPPING, onError: 'skip' });
    expect(r.ok || r.error.code).toBe('FILE_UNREADABLE');
    const [batch] = await threaded.ok('imports.list', {});
    expect(batch).toMatchObject({ fileName: 'putus.csv', status: 'interrupted' });
    // The first chunk committed whole; nothing of the second.
    expect(frontOfficeCounts(threaded).customers - before.customers).toBe(2000);
    const undone = await threaded.ok('imports.undo', { id: batch.id });
    expect(undone.undo).toMatchObject({ removed: 2000 });
    expect(frontOfficeCounts(threaded).customers).toBe(before.customers);
  });
});
