import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { frontOfficeCounts, upload } from './support.js';

const CSV = [
  'Nama,No HP,Email,Tgl Lahir,Jenis Kelamin,Kota,Label,ID Pelanggan',
  'Budi Santoso,0812-1111-2222,budi@contoh.co.id,14/03/1988,L,Bandung,"VIP, arisan",A-001',
  'Rina Marlina,12,rina@contoh.co.id,02/05/1990,P,Cimahi,,A-002',
  'Dewi Sartika,+62 813 2222 3333,DEWI@contoh.co.id,01/01/1985,P,Bogor,,A-003',
  'Eko Prasetyo,0857-3333-4444,eko@contoh.co.id,31/02/1990,L,Garut,,A-004',
  ',0899-5555-6666,,,,,,',
  'Fajar Nugraha,0812-7777-8888,fajar@contoh.co.id,10/10/1970,X,Depok,,A-006',
  'Budi S.,,budi@contoh.co.id,,,,langganan,',
].join('\r\n');

const MAPPING = {
  columns: [
    { column: 0, field: 'fullName' },
    { column: 1, field: 'phone' },
    { column: 2, field: 'email' },
    { column: 3, field: 'birthDate' },
    { column: 4, field: 'gender' },
    { column: 5, field: 'city' },
    { column: 6, field: 'tags' },
    { column: 7, field: 'externalRef' },
  ],
  dateFormat: 'DD/MM/YYYY',
};

describe('customer import (C8)', () => {
  let b: TestBranch;
  let dewi: { id: string };
  let uploadId: string;
  beforeAll(async () => {
    b = await makeBranch();
    // Dewi is already a customer: her row must update her, matched on the phone typed another way.
    dewi = await b.ok('customers.create', { fullName: 'Dewi Sartika', phones: [{ number: '0813-2222-3333' }], address: { city: 'Jakarta' }, tags: ['lama'] });
    uploadId = await upload(b, 'pelanggan.csv', CSV);
  });
  afterAll(() => b?.cleanup());

  it('reads the columns and guesses the mapping from Indonesian headers', async () => {
    const inspection = await b.ok('imports.inspect', { uploadId, kind: 'customers' });
    expect(inspection).toMatchObject({ format: 'csv', delimiter: ',', hasHeader: true });
    expect(inspection.guess.columns).toEqual(MAPPING.columns);
    expect(inspection.guess.dateFormat).toBe('DD/MM/YYYY');
    expect(inspection.columns[1]).toEqual({ index: 1, header: 'No HP', samples: ['0812-1111-2222', '12', '+62 813 2222 3333', '0857-3333-4444', '0899-5555-6666'] });
  });

  it('previews every row without writing: creates, updates and issues by row number', async () => {
    const before = frontOfficeCounts(b);
    const p = await b.ok('imports.preview', { uploadId, kind: 'customers', mapping: MAPPING });
    expect(p).toMatchObject({ totalRows: 7, validRows: 3, invalidRows: 4, create: 1, update: 2, unchanged: 0 });
    expect(p.issues.map((i: any) => [i.row, i.column, i.code, i.value])).toEqual([
      [3, 'No HP', 'invalid_phone', '12'],
      [5, 'Tgl Lahir', 'invalid_date', '31/02/1990'],
      [6, 'Nama', 'required', null],
      [7, 'Jenis Kelamin', 'invalid_value', 'X'],
    ]);
    expect(p.issues[0].message).toMatch(/Nomor telepon tidak valid/);
    expect(p.sample.map((s: any) => [s.row, s.action])).toEqual([[2, 'create'], [3, 'invalid'], [4, 'update'], [5, 'invalid'], [6, 'invalid'], [7, 'invalid'], [8, 'update']]);
    expect(frontOfficeCounts(b)).toEqual(before);
  });

  it('"refuse all" with a bad row writes nothing and keeps the row-by-row report', async () => {
    const before = frontOfficeCounts(b);
    const batch = await b.ok('imports.run', { uploadId, kind: 'customers', mapping: MAPPING, onError: 'refuse' });
    expect(batch).toMatchObject({ status: 'refused', totalRows: 7, invalidRows: 4, created: 0, updated: 0 });
    expect(frontOfficeCounts(b)).toEqual(before);
    const report = await b.ok('imports.report', { id: batch.id });
    expect(report.issues.map((i: any) => i.row)).toEqual([3, 5, 6, 7]);
    const undo = await b.ok('imports.undo', { id: batch.id });
    expect(undo.status).toBe('refused');
  });

  it('"import valid rows" writes them, updates on normalised keys, and reports the rest', async () => {
    const batch = await b.ok('imports.run', { uploadId, kind: 'customers', mapping: MAPPING, onError: 'skip' });
    expect(batch).toMatchObject({ status: 'done', totalRows: 7, validRows: 3, invalidRows: 4, created: 1, updated: 2, unchanged: 0 });
    // The list's count (cached in the service) follows writes made by the import.
    expect((await b.ok('customers.list', {})).total).toBe(2);
    const budi = (await b.ok('customers.search', { query: 'budi' })).rows;
    expect(budi).toHaveLength(1);
    const full = await b.ok('customers.get', { id: budi[0].id });
    // Row 8 (same email) updated the customer row 2 created: tags added, name kept from row 8.
    expect(full).toMatchObject({ fullName: 'Budi S.', birthDate: '1988-03-14', gender: 'male', externalRef: 'A-001', tags: ['VIP', 'arisan', 'langganan'] });
    expect(full.phones.map((p: any) => p.display)).toEqual(['0812-1111-2222']);
    const d = await b.ok('customers.get', { id: dewi.id });
    expect(d).toMatchObject({ birthDate: '1985-01-01', gender: 'female', externalRef: 'A-003', tags: ['lama'] });
    expect(d.address.city).toBe('Bogor');
    expect(d.emails.map((e: any) => e.address)).toEqual(['dewi@contoh.co.id']);
    const timeline = await b.ok('customers.timeline', { customerId: dewi.id, kinds: ['profile'] });
    expect(timeline.entries[0]).toMatchObject({ source: 'import', staffName: 'Manajer Uji' });
    expect(timeline.entries[0].fields).toEqual(expect.arrayContaining(['birthDate', 'gender', 'address', 'externalRef', 'emails']));
    const report = await b.ok('imports.report', { id: batch.id });
    expect(report.issueCount).toBe(4);
    const audit = await b.ok('audit.list', {});
    expect(audit[0]).toMatchObject({ action: 'import', subjectId: batch.id, detail: expect.objectContaining({ created: 1, updated: 2 }) });
  });

  it('undoes the whole import: created customers go, changed values return, a later edit is kept', async () => {
    const [batch] = await b.ok('imports.list', {});
    // After the import a clerk corrects Dewi's city; undo must not overwrite that.
    await b.ok('customers.update', { id: dewi.id, patch: { address: { city: 'Sukabumi' } } });
    const outboxBefore = frontOfficeCounts(b).outbox;
    const undone = await b.ok('imports.undo', { id: batch.id });
    // Removed: Budi, and the email the import added to Dewi. Restored: Dewi. Kept: Dewi's new city.
    expect(undone).toMatchObject({ status: 'undone', undoneByName: 'Manajer Uji', undo: { removed: 2, archived: 0, restored: 1, kept: 1 } });
    expect((await b.ok('customers.search', { query: 'budi' })).rows).toEqual([]);
    expect((await b.ok('customers.list', {})).total).toBe(1);
    const d = await b.ok('customers.get', { id: dewi.id });
    expect(d).toMatchObject({ birthDate: null, gender: null, externalRef: null, tags: ['lama'] });
    expect(d.address.city).toBe('Sukabumi');
    expect(d.emails).toEqual([]);
    // The undo is ordinary captured edits: it syncs.
    expect(frontOfficeCounts(b).outbox).toBeGreaterThan(outboxBefore);
    const again = await b.core.call(b.session, 'imports.undo', { id: batch.id });
    expect(again.ok || again.error.code).toBe('ALREADY_UNDONE');
  });

  it('matches on the outside number, NIK, phone or email; keys of two customers make a row ambiguous; a row saying nothing new writes nothing', async () => {
    const a = await b.ok('customers.create', { fullName: 'Agus Salim', nik: '3174011203800001', phones: [{ number: '0811-1000-2000' }], externalRef: 'OLD-9' });
    const c = await b.ok('customers.create', { fullName: 'Citra Kirana', emails: [{ address: 'citra@contoh.co.id' }] });
    const file = [
      'Nama,NIK,HP,Email,Ref,Kota',
      'Agus S.,,,,OLD-9,Depok', // outside number
      ',3174 0112 0380 0001,,,,Depok', // NIK typed with spaces, nothing new for Agus after row 2
      ',,+62 811 1000 2000,citra@contoh.co.id,,Bekasi', // Agus's phone, Citra's email
      ',,,CITRA@contoh.co.id,,Bekasi', // email in another case
    ].join('\n');
    const id = await upload(b, 'cocok.csv', file);
    const mapping = { columns: ['fullName', 'nik', 'phone', 'email', 'externalRef', 'city'].map((field, column) => ({ column, field })) };
    const outbox = frontOfficeCounts(b).outbox;
    const batch = await b.ok('imports.run', { uploadId: id, kind: 'customers', mapping });
    expect(batch).toMatchObject({ created: 0, updated: 2, unchanged: 1, invalidRows: 1 });
    const report = await b.ok('imports.report', { id: batch.id });
    expect(report.issues.map((i: any) => [i.row, i.code])).toEqual([[4, 'ambiguous_match']]);
    expect((await b.ok('customers.get', { id: a.id })).address.city).toBe('Depok');
    expect((await b.ok('customers.get', { id: a.id })).fullName).toBe('Agus S.');
    expect((await b.ok('customers.get', { id: c.id })).address.city).toBe('Bekasi');
    // Two customers changed: their row and a profile-change line each. Nothing for the unchanged row.
    expect(frontOfficeCounts(b).outbox - outbox).toBe(4);
  });

  it('imports an Excel workbook: date cells, numbers as phones', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Nama Lengkap', 'Telepon', 'Tanggal Lahir', 'Pekerjaan']);
    sheet.addRow(['Gita Gutawa', 81299990000, new Date(Date.UTC(1993, 7, 11)), 'Penyanyi']);
    sheet.addRow(['Hadi Susanto', '0856-1000-2000', new Date(Date.UTC(1979, 0, 5)), 'Petani']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const id = await upload(b, 'pelanggan.xlsx', bytes);
    const inspection = await b.ok('imports.inspect', { uploadId: id, kind: 'customers' });
    expect(inspection.format).toBe('xlsx');
    expect(inspection.guess.columns.map((c: any) => c.field)).toEqual(['fullName', 'phone', 'birthDate', 'occupation']);
    const batch = await b.ok('imports.run', { uploadId: id, kind: 'customers', mapping: { columns: inspection.guess.columns } });
    expect(batch).toMatchObject({ status: 'done', created: 2, invalidRows: 0 });
    const gita = (await b.ok('customers.search', { query: 'gita' })).rows[0];
    expect(gita).toMatchObject({ birthDate: '1993-08-11', primaryPhone: '+6281299990000' });
  });

  it('refuses a file that is not a table, and a mapping that cannot work, changing nothing', async () => {
    const before = frontOfficeCounts(b);
    const junk = await upload(b, 'foto.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0, 1, 2, 3]));
    const r = await b.core.call(b.session, 'imports.inspect', { uploadId: junk, kind: 'customers' });
    expect(r.ok || r.error.code).toBe('FILE_UNREADABLE');
    // A successful run deletes its upload: this one is sent again.
    const again = await upload(b, 'pelanggan.csv', CSV);
    const bad = await b.core.call(b.session, 'imports.run', {
      uploadId: again,
      kind: 'customers',
      mapping: { columns: [{ column: 0, field: 'fullName' }, { column: 1, field: 'fullName' }, { column: 9, field: 'city' }, { column: 2, field: 'shoeSize' }], currencyRate: 'nol' },
    });
    expect(bad.ok || bad.error.fields?.map((f) => [f.path.join('.'), f.code]) || bad.error).toEqual([
      ['mapping.columns.1.field', 'duplicate_mapping'],
      ['mapping.columns.2.column', 'invalid'],
      ['mapping.columns.3.field', 'invalid_value'],
      ['mapping.currencyRate', 'invalid_rate'],
    ]);
    expect(frontOfficeCounts(b)).toEqual(before);
    expect((await b.ok('imports.list', {})).length).toBe(4);
  });

  it('writes many new customers a hundred to a statement exactly as one by one: numbers, contacts, search, outbox, journal, undo', async () => {
    const db = b.core.services.db.sqlite;
    const lines = ['Nama,HP,Email,Ref'];
    for (let i = 0; i < 250; i++) lines.push(`Pelanggan Massal ${i},0878-${String(5000_0000 + i)},massal${i}@contoh.co.id,M-${i}`);
    // Row 252 (a later row of the same chunk) names customer 7 again: an update of a customer not written yet.
    lines.push('Pelanggan Massal Tujuh,0878-50000007,,M-7');
    const before = frontOfficeCounts(b);
    const next = Number(db.prepare("SELECT value FROM branch_settings WHERE key = 'next_customer_number'").pluck().get());
    const id = await upload(b, 'massal.csv', lines.join('\n'));
    const mapping = { columns: ['fullName', 'phone', 'email', 'externalRef'].map((field, column) => ({ column, field })) };
    const batch = await b.ok('imports.run', { uploadId: id, kind: 'customers', mapping });
    expect(batch).toMatchObject({ status: 'done', created: 250, updated: 1, invalidRows: 0 });
    const after = frontOfficeCounts(b);
    expect(after.customers - before.customers).toBe(250);
    expect(after.contacts - before.contacts).toBe(500);
    const rows = db.prepare("SELECT id, seq, customer_number, full_name FROM customers WHERE external_ref LIKE 'M-%' ORDER BY seq").all() as { id: string; seq: number; customer_number: string; full_name: string }[];
    expect(rows).toHaveLength(250);
    // Numbers without a gap, in file order, and the counter moved past them.
    const numbers = rows.map((r) => Number(/(\d+)$/.exec(r.customer_number)![1]));
    expect(numbers[0]).toBe(next);
    expect(numbers.every((n, i) => n === next + i)).toBe(true);
    expect(Number(db.prepare("SELECT value FROM branch_settings WHERE key = 'next_customer_number'").pluck().get())).toBe(next + 250);
    expect(rows[7].full_name).toBe('Pelanggan Massal Tujuh');
    // Each row and contact has its outbox entry, holding the row as stored.
    const capture = b.core.services.capture;
    for (const r of [rows[0], rows[7], rows[149], rows[249]]) {
      const entries = db.prepare("SELECT fields FROM sync_outbox WHERE table_name = 'customers' AND row_id = ? ORDER BY seq").pluck().all(r.id) as string[];
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(entries[0])).toMatchObject({ ...capture.snapshot('customers', r.id), full_name: `Pelanggan Massal ${rows.indexOf(r)}` });
      const contacts = db.prepare("SELECT id FROM contact_points WHERE customer_id = ?").pluck().all(r.id) as string[];
      expect(contacts).toHaveLength(2);
      for (const c of contacts) expect(JSON.parse(db.prepare("SELECT fields FROM sync_outbox WHERE table_name = 'contact_points' AND row_id = ?").pluck().get(c) as string)).toEqual(capture.snapshot('contact_points', c));
    }
    // Outbox order: every contact point after its customer.
    const order = db.prepare("SELECT o.table_name, o.row_id, o.hlc, p.customer_id FROM sync_outbox o LEFT JOIN contact_points p ON o.table_name = 'contact_points' AND p.id = o.row_id WHERE o.seq > (SELECT min(seq) - 1 FROM sync_outbox WHERE row_id = ?) ORDER BY o.seq").all(rows[0].id) as { table_name: string; row_id: string; hlc: string; customer_id: string | null }[];
    const seen = new Set<string>();
    let lastHlc = '';
    for (const o of order) {
      if (o.table_name === 'customers') seen.add(o.row_id);
      if (o.table_name === 'contact_points') expect(seen.has(o.customer_id!)).toBe(true);
      expect(o.hlc > lastHlc).toBe(true);
      lastHlc = o.hlc;
    }
    // Search finds them by name, phone and number.
    expect((await b.ok('customers.search', { query: 'Massal 249' })).rows.map((r: any) => r.id)).toContain(rows[249].id);
    expect((await b.ok('customers.search', { query: '0878-5000-0149' })).rows.map((r: any) => r.id)).toEqual([rows[149].id]);
    expect((await b.ok('customers.search', { query: rows[0].customer_number })).rows.map((r: any) => r.id)).toEqual([rows[0].id]);
    // The journal has every created customer; undo takes them all away.
    expect(db.prepare("SELECT count(*) FROM import_journal WHERE batch_id = ? AND action = 'created' AND table_name = 'customers'").pluck().get(batch.id)).toBe(250);
    const undone = await b.ok('imports.undo', { id: batch.id });
    expect(undone.undo).toMatchObject({ removed: 250, archived: 0 });
    expect(frontOfficeCounts(b).customers).toBe(before.customers);
    expect((await b.ok('customers.search', { query: 'Massal 249' })).rows).toEqual([]);
  });
});
