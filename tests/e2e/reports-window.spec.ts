import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { openBranchCore } from '../../src/branch/core.js';
import { addPurchases } from '../support/purchases.js';
import { pdfText } from '../support/pdf-text.js';
import { MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

/**
 * The reporting window in Chromium against browser mode: open it from the
 * front office, filter a period, drill down from a chart into customers,
 * save the list as a segment, export CSV, Excel and PDF (and read the files
 * back), and print. Customers are created over RPC; their purchases are
 * written through a second connection to the branch database, as the
 * transactions service does (there is no RPC for purchases yet).
 */
let host: BranchHost;
let aniId: string;
let managerSession: string;
const DAY = 86_400_000;
const ago = (days: number, hourUtc = 4) => {
  const d = new Date(Date.now() - days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};

test.beforeAll(async () => {
  host = await startHost();
  const manager = await prepareBranch(host);
  const make = async (fullName: string) => (await host.must('customers.create', { fullName, phones: [{ number: `0812-7000-${String(fullName.length).padStart(4, '0')}` }] }, manager)).id;
  const ani = await make('Ani Suryani');
  aniId = ani;
  managerSession = manager;
  const bayu = await make('Bayu Prakoso');
  const citra = await make('Citra Kirana');
  await make('Dodi Belum Belanja');
  const core = openBranchCore({ dataDir: host.dataDir, checkOutput: false });
  try {
    addPurchases(core, [
      // Ani: recent and frequent.
      ...[10, 40, 70, 100, 130, 160].map((d) => ({ customerId: ani, occurredAt: ago(d), amount: 2_500_000, cost: 1_500_000 })),
      // Bayu: last bought four months ago.
      { customerId: bayu, occurredAt: ago(125), amount: 800_000, cost: 500_000 },
      // Citra: over a year ago only.
      { customerId: citra, occurredAt: ago(400), amount: 300_000, cost: 200_000 },
    ]);
  } finally {
    core.close();
  }
});
test.afterAll(async () => {
  await host?.stop();
});

async function openReports(page: Page): Promise<Page> {
  await signInThroughUi(page, host, MANAGER);
  const [reports] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: /Laporan/ }).click()]);
  await expect(reports).toHaveURL(/#\/reports$/);
  return reports;
}

test('reports window: period filter, drill-down from a chart, segment, exports, print', async ({ page }) => {
  const reports = await openReports(page);
  const cspErrors: string[] = [];
  reports.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
  });
  await expect(reports.getByRole('heading', { name: 'RFM: kebaruan, frekuensi, nilai belanja' })).toBeVisible();
  await expect(reports.getByTestId('rfm-buyers')).toContainText('3');
  await expect(reports.getByTestId('rfm-buyers')).toContainText('dari 4 pelanggan');
  await shot(reports, 'reports-rfm');

  // A period of the last 90 days: only Ani bought in it.
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const dmy = (d: Date) => iso(d).split('-').reverse().join('/');
  await reports.getByLabel('Periode').selectOption('custom');
  // The period's fields are written day first in the UI's language, whatever the browser's locale;
  // an impossible date is explained in Indonesian and runs nothing.
  await reports.getByLabel('Dari tanggal').fill('31/02/2026');
  await reports.getByLabel('Dari tanggal').blur();
  await expect(reports.getByText('Tanggal tidak valid. Tulis hari/bulan/tahun, misalnya 22/11/2026.')).toBeVisible();
  await expect(reports.getByRole('button', { name: 'Terapkan' })).toBeDisabled();
  await shot(reports, 'reports-bad-date');
  await reports.getByLabel('Dari tanggal').fill(dmy(new Date(Date.now() - 90 * DAY)));
  await reports.getByLabel('Sampai tanggal').fill(iso(new Date()));
  await reports.getByLabel('Sampai tanggal').blur();
  await expect(reports.getByLabel('Sampai tanggal')).toHaveValue(dmy(new Date()));
  await expect(reports.getByText('Tanggal tidak valid. Tulis hari/bulan/tahun, misalnya 22/11/2026.')).toHaveCount(0);
  await reports.getByRole('button', { name: 'Terapkan' }).click();
  await expect(reports.getByTestId('rfm-buyers')).toHaveText(/^Pelanggan yang membeli1dari 4 pelanggan$/);

  // Back to all history, then click the "< 3 bulan" bar of the recency chart.
  await reports.getByLabel('Periode').selectOption('all');
  await expect(reports.getByTestId('rfm-buyers')).toContainText('3');
  await reports.locator('[data-testid=rfm-recency] .recharts-bar-rectangle').first().click();
  const drill = reports.getByTestId('drill-panel');
  await expect(drill.getByRole('heading', { name: 'Kebaruan: < 3 bulan' })).toBeVisible();
  await expect(reports.getByTestId('drill-count')).toHaveText('1 pelanggan');
  await expect(reports.getByTestId('drill-table')).toContainText('Ani Suryani');
  await expect(reports.getByTestId('drill-table')).toContainText('Rp15.000.000');
  await shot(reports, 'reports-drill');

  // The same drill-down from the R x F grid: Citra is the only one over a year ago.
  await reports.getByRole('button', { name: /^> 1 tahun · Sekali setahun: 1$/ }).click();
  await expect(reports.getByTestId('drill-table')).toContainText('Citra Kirana');
  await expect(reports.getByTestId('drill-table')).not.toContainText('Ani Suryani');

  // Save the list as a segment; the Segmen page lists it with its members.
  await reports.getByLabel('Nama segmen').fill('Lama tidak belanja');
  await reports.getByRole('button', { name: 'Simpan sebagai segmen' }).click();
  await expect(reports.getByText('Segmen "Lama tidak belanja" disimpan.')).toBeVisible();

  // Export the drill-down list in each format and read the files back.
  const download = async (label: string) => {
    const [file] = await Promise.all([reports.waitForEvent('download'), drill.getByRole('button', { name: label, exact: true }).click()]);
    return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
  };
  const csv = await download('CSV');
  expect(csv.name).toMatch(/^simpul-customers-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.body.toString('utf8')).toContain('Citra Kirana');
  expect(csv.body.toString('utf8')).toContain(',300000,');
  const xlsx = await download('Excel');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  expect(sheet.getRow(5).getCell(2).value).toBe('Citra Kirana');
  expect(sheet.getRow(5).getCell(6).value).toBe(300_000);
  const pdf = await download('PDF');
  expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfText(pdf.body)).toContain('Citra Kirana');

  // The whole RFM report as PDF from the header's buttons.
  const [full] = await Promise.all([reports.waitForEvent('download'), reports.locator('.panel-header').getByRole('button', { name: 'PDF', exact: true }).click()]);
  const fullText = pdfText(readFileSync((await full.path())!));
  expect(fullText).toContain('RFM: kebaruan, frekuensi, nilai belanja');
  expect(fullText).toContain('Lebih dari 5 kali');

  await reports.getByRole('button', { name: 'Segmen', exact: true }).click();
  await expect(reports.getByTestId('segment-list')).toContainText('Lama tidak belanja');
  await reports.getByTestId('segment-list').getByRole('button', { name: 'Lihat anggota' }).click();
  await expect(reports.getByTestId('drill-table')).toContainText('Citra Kirana');

  // Printable: the print stylesheet hides the window's controls.
  await reports.getByRole('button', { name: 'RFM & segmen' }).click();
  await reports.emulateMedia({ media: 'print' });
  await expect(reports.getByRole('navigation', { name: 'Daftar laporan' })).toBeHidden();
  await expect(reports.locator('.export-buttons').first()).toBeHidden();
  await expect(reports.getByRole('heading', { name: 'RFM: kebaruan, frekuensi, nilai belanja' })).toBeVisible();
  await shot(reports, 'reports-print');
  await reports.emulateMedia({ media: 'screen' });
  expect(cspErrors).toEqual([]);
});

test('service report counts the cases opened at the front office by department in words; bundles wait for orders; prediction fits', async ({ page }) => {
  // A defective product goes to quality control by the branch's routing rules.
  await host.must('cases.open', { customerId: aniId, channel: 'whatsapp', category: 'product_defect', subject: 'Kemasan rusak saat diterima' }, managerSession);
  const reports = await openReports(page);
  await reports.getByRole('button', { name: 'Layanan & staf' }).click();
  const cases = reports.getByTestId('service-cases');
  await expect(cases.getByTestId('not-recorded')).toHaveCount(0);
  await expect(cases.locator('.figures')).toContainText('1');
  await expect(cases).toContainText('Kontrol Kualitas');
  await expect(cases).toContainText('Produk cacat');
  await expect(cases).not.toContainText('quality_control');
  await shot(reports, 'reports-service');
  await reports.getByRole('button', { name: 'Pola pembelian' }).click();
  // Orders with line items are recorded now, but these purchases came without lines: no pairs yet, and it says how many baskets it read.
  await expect(reports.getByTestId('patterns-bundles').getByTestId('not-recorded')).toHaveCount(0);
  await expect(reports.getByTestId('patterns-bundles')).toContainText('0');
  await reports.getByRole('button', { name: 'Prediksi' }).click();
  await reports.getByTestId('fit-model').click();
  const model = reports.getByTestId('prediction-model');
  await expect(model).toContainText('BG/NBD');
  // In words first: when, on how many buyers, what it means; the raw parameters wait behind "Detail model".
  await expect(model).toContainText(/Dihitung .* dari riwayat belanja semua 3 pembeli cabang ini\./);
  await expect(model).toContainText('peluang pembeli masih aktif');
  await expect(model.getByTestId('prediction-buyers')).toContainText('3');
  await expect(model.getByTestId('prediction-rate')).toContainText('Pembelian per tahun selama aktif');
  await expect(model.getByTestId('prediction-spend')).toContainText('terlalu sedikit pembeli berulang');
  await expect(model.getByText('BG/NBD r', { exact: true })).toBeHidden();
  await expect(model).not.toContainText(/r, α|p, q, γ/);
  await shot(reports, 'reports-prediction');
  await model.getByText('Detail model').click();
  await expect(model.getByText('BG/NBD r', { exact: true })).toBeVisible();
  await expect(model.getByText('Log-likelihood BG/NBD')).toBeVisible();
  await shot(reports, 'reports-prediction-detail');
  await reports.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(model).toContainText('on the purchase histories of all 3 buyers of this branch');
  await expect(model).toContainText('Purchases a year while active');
  await shot(reports, 'reports-prediction-en');
  await reports.getByRole('button', { name: 'ID', exact: true }).click();

  // Report settings write decimals the Indonesian way (3,5, not the browser number field's 3.5) and refuse what is not a number.
  await reports.getByRole('button', { name: 'Pengaturan laporan' }).click();
  const branchSigma = reports.getByLabel('Simpangan di atas kebiasaan cabang');
  await expect(branchSigma).toHaveValue('3,5');
  await branchSigma.fill('tiga');
  await branchSigma.blur();
  await expect(reports.getByText('Harus angka, misalnya 3,5.')).toBeVisible();
  await expect(reports.getByRole('button', { name: 'Simpan' })).toBeDisabled();
  await branchSigma.fill('4,5');
  await branchSigma.blur();
  await expect(reports.getByText('Harus angka, misalnya 3,5.')).toHaveCount(0);
  await reports.getByRole('button', { name: 'Simpan' }).click();
  await expect(reports.getByText('Pengaturan laporan disimpan.')).toBeVisible();
  expect((await host.must('reports.settings', {}, managerSession)).anomalies.branchDeviations).toBe(4.5);
});
