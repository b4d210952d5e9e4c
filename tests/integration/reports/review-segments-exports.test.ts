import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probabilityAlive } from '../../../src/shared/analytics/bgnbd.js';
import { pdfPages, pdfText } from '../../support/pdf-text.js';
import { NOW, PURCHASES, makeFixture, type Fixture } from './fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture();
});
afterAll(() => fx?.branch.cleanup());

const txOf = (key: string, match: (p: (typeof PURCHASES)[number]) => boolean) => fx.txIds[PURCHASES.findIndex((p) => p.key === key && match(p))];

describe('anomalies (A5)', () => {
  it('flags each rule on the transactions built to trip it, with the numbers that explain it', async () => {
    const r = await fx.branch.ok('reports.anomalies', { status: 'all' });
    const of = (rule: string) => r.flags.filter((f: { rule: string }) => f.rule === rule).map((f: { transactionId: string }) => f.transactionId);
    expect(of('heavy_discount')).toEqual([txOf('H', (p) => (p.discount ?? 0) > 0)]);
    expect(of('out_of_hours')).toEqual([txOf('H', (p) => p.occurredAt === '2026-10-06T16:30:00.000Z')]);
    expect(of('refund_burst')).toEqual([txOf('H', (p) => p.occurredAt === '2026-10-14T03:00:00.000Z')]);
    expect(of('customer_amount')).toEqual([txOf('J', (p) => p.amount === 5_000_000)]);
    const jump = r.flags.find((f: { rule: string }) => f.rule === 'customer_amount');
    expect(jump.detail.earlierSales).toBe(6);
    expect(jump.detail.usualAmount).toBeGreaterThan(95_000);
    expect(jump.detail.usualAmount).toBeLessThan(105_000);
    expect(r.flags.find((f: { rule: string }) => f.rule === 'out_of_hours').detail).toEqual({ localHour: 23, openHour: 8, closeHour: 21 });
    expect(r.flags.find((f: { rule: string }) => f.rule === 'heavy_discount').detail.discountPercent).toBe(50);

    // The branch's normal: mean and deviation of log amounts of its own sales; flagged at 3.5 deviations above.
    const own = PURCHASES.filter((p) => (p.kind ?? 'sale') === 'sale' && !p.branchId).map((p) => Math.log(p.amount));
    const mean = own.reduce((s, v) => s + v, 0) / own.length;
    const sd = Math.sqrt(own.reduce((s, v) => s + (v - mean) ** 2, 0) / (own.length - 1));
    const limit = Math.exp(mean + 3.5 * Math.max(sd, 0.25));
    const expected = PURCHASES.filter((p) => (p.kind ?? 'sale') === 'sale' && !p.branchId && p.amount >= limit).length;
    expect(of('branch_amount')).toHaveLength(expected);
  });

  it('marks a flag reviewed once, hides it from the open list, and refuses an unknown transaction', async () => {
    const id = txOf('J', (p) => p.amount === 5_000_000);
    const review = await fx.branch.ok('reports.reviewAnomaly', { transactionId: id, rule: 'customer_amount', note: 'Beli untuk kantor, sudah dicek.' });
    expect(review.by).toBe('Manajer Uji');
    const again = await fx.branch.ok('reports.reviewAnomaly', { transactionId: id, rule: 'customer_amount' });
    expect(again.at).toBe(review.at);
    const open = await fx.branch.ok('reports.anomalies', {});
    expect(open.flags.some((f: { transactionId: string }) => f.transactionId === id)).toBe(false);
    expect(open.counts.find((c: { rule: string }) => c.rule === 'customer_amount')).toMatchObject({ flags: 1, open: 0 });
    const sqlite = fx.branch.core.services.db.sqlite;
    const before = sqlite.prepare('SELECT count(*) FROM anomaly_reviews').pluck().get();
    const missing = await fx.branch.core.call(fx.branch.session, 'reports.reviewAnomaly', { transactionId: 'no-such-transaction', rule: 'heavy_discount' });
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
    expect(sqlite.prepare('SELECT count(*) FROM anomaly_reviews').pluck().get()).toBe(before);
  });
});

describe('segments (M1)', () => {
  it('saves a filter, counts and lists its members, refuses a taken name and unrecorded data', async () => {
    const seg = await fx.branch.ok('segments.save', { name: 'Juara dan setia', filter: { segments: ['champions', 'loyal'] } });
    const members = await fx.branch.ok('segments.members', { id: seg.id });
    expect(members.total).toBe(2);
    expect(members.rows.map((r: { id: string }) => r.id).sort()).toEqual([fx.ids.A, fx.ids.J].sort());
    const sqlite = fx.branch.core.services.db.sqlite;
    const count = () => sqlite.prepare('SELECT count(*) FROM segments').pluck().get();
    const before = count();
    const taken = await fx.branch.core.call(fx.branch.session, 'segments.save', { name: 'Juara dan setia', filter: {} });
    expect(taken.ok ? null : taken.error.fields?.[0]).toMatchObject({ path: ['name'], code: 'name_taken' });
    const consent = await fx.branch.core.call(fx.branch.session, 'segments.save', { name: 'Setuju WA', filter: { consent: { channel: 'whatsapp', purpose: 'marketing' } } });
    expect(consent.ok ? null : consent.error.fields?.[0]).toMatchObject({ code: 'not_recorded' });
    expect(count()).toBe(before);
    const renamed = await fx.branch.ok('segments.save', { id: seg.id, name: 'Pelanggan terbaik', filter: seg.filter });
    expect(renamed.name).toBe('Pelanggan terbaik');
    await fx.branch.ok('segments.delete', { id: seg.id });
    expect(await fx.branch.ok('segments.list', {})).toEqual([]);
    const gone = await fx.branch.core.call(fx.branch.session, 'segments.members', { id: seg.id });
    expect(gone.ok || gone.error.code).toBe('NOT_FOUND');
  });
});

describe('prediction (A7)', () => {
  it('fits the model and scores P(alive) in SQL as the published formula does', async () => {
    const empty = await fx.branch.ok('reports.prediction', {});
    expect(empty.run).toBeNull();
    const run = await fx.branch.ok('reports.fitPrediction', {});
    expect(run.fittedOn).toBe(8);
    const report = await fx.branch.ok('reports.prediction', { horizonWeeks: 26 });
    expect(report.distribution.reduce((s: number, d: { customers: number }) => s + d.customers, 0)).toBe(8);
    // J: 7 purchase days, first 2 Mar 2026, last 3 Aug 2026; weeks to now.
    const days = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
    const today = Math.floor(NOW.getTime() / 86_400_000);
    const p = probabilityAlive(run.params, 6, (days('2026-08-03T03:00:00Z') - days('2026-03-02T03:00:00Z')) / 7, (today - days('2026-03-02T03:00:00Z')) / 7);
    const around = await fx.branch.ok('reports.customers', { filter: { pAliveMin: p - 1e-9, pAliveMax: p + 1e-9 } });
    expect(around.rows.map((r: { id: string }) => r.id)).toContain(fx.ids.J);
    // One purchase: alive with certainty under BG/NBD.
    const certain = await fx.branch.ok('reports.customers', { filter: { pAliveMin: 1 } });
    expect(certain.rows.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([fx.ids.C, fx.ids.E]));
  });
});

describe('exports (A8)', () => {
  const file = async (report: string, format: string, extra: Record<string, unknown> = {}) => {
    const r = await fx.branch.ok('reports.export', { report, format, ...extra });
    return { ...r, body: Buffer.from(r.base64, 'base64') };
  };

  it('CSV holds the report numbers under the same words', async () => {
    const rfm = await fx.branch.ok('reports.rfm', {});
    const csv = await file('rfm', 'csv');
    expect(csv.fileName).toMatch(/^simpul-rfm-2026-11-22\.csv$/);
    const text = csv.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const line = text.split("\r\n").find((l: string) => l.startsWith('Sekali setahun,'))!;
    const once = rfm.frequency.find((b: { bucket: string }) => b.bucket === 'once');
    expect(line).toBe(`Sekali setahun,${once.customers},${once.revenue}`);
  });

  it('Excel has a sheet per section with real numbers', async () => {
    const xlsx = await file('top', 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets.find((s) => s.name.startsWith('10 teratas menurut belanja'))!;
    expect(sheet.getRow(4).getCell(2).value).toBe('Nama');
    expect(sheet.getRow(5).getCell(2).value).toBe('Ani Suryani');
    expect(sheet.getRow(5).getCell(6).value).toBe(108_000_000);
  });

  it('PDF prints the title, the buckets and the drill-down list', async () => {
    const pdf = await file('rfm', 'pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(pdf.body)).toBeGreaterThanOrEqual(1);
    const text = pdfText(pdf.body);
    expect(text).toContain('RFM: kebaruan, frekuensi, nilai belanja');
    expect(text).toContain('Sekali setahun');
    const list = await file('customers', 'pdf', { filter: { segments: ['champions'] } });
    expect(pdfText(list.body)).toContain('Ani Suryani');
    const en = await fx.branch.core.call(fx.branch.session, 'auth.setLocale', { locale: 'en' });
    expect(en.ok).toBe(true);
    expect(pdfText((await file('rfm', 'pdf')).body)).toContain('Once a year');
    await fx.branch.ok('auth.setLocale', { locale: 'id' });
  });
});
