import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { openBranchCore } from '../../src/branch/core.js';
import { addPurchases, type Purchase } from '../support/purchases.js';
import { pdfText } from '../support/pdf-text.js';
import { DEFAULT_REPORT_SETTINGS } from '../../src/shared/reports/settings.js';
import { shot, startHost, type BranchHost } from './support/host.js';
import { setUpBranch, startHeadOffice, type HeadOffice, type ManagedBranch } from './support/headoffice.js';

/**
 * The head office's consolidated reports in the console (A8): two branches in
 * browser mode sell to their customers, sync, and the console shows each
 * report with a column for all branches and one per branch, charts the chosen
 * measure per branch, cuts a period (and refuses a backwards one without
 * losing the table), and downloads the same comparison as CSV, Excel and PDF.
 * Every expected number is worked out below from the purchases, not read
 * from the head office.
 */
const DAY = 86_400_000;
const ago = (days: number) => {
  const d = new Date(Date.now() - days * DAY);
  d.setUTCHours(4, 0, 0, 0);
  return d.toISOString();
};

let ho: HeadOffice;
let jakarta: ManagedBranch;
let bandung: ManagedBranch;

/** Per branch: customer -> purchases (days ago, amount, cost). */
const SALES = {
  JKT01: {
    'Ani Suryani': [[10, 2_500_000, 1_500_000], [40, 2_500_000, 1_500_000], [70, 2_500_000, 1_500_000]],
    'Bayu Prakoso': [[20, 800_000, 500_000]],
  },
  BDG01: {
    'Citra Kirana': [[5, 1_000_000, 600_000], [400, 1_000_000, 600_000]],
  },
} as const;
type Code = keyof typeof SALES;
/** Cases opened per customer at each branch. */
const CASES: Record<Code, number> = { JKT01: 1, BDG01: 2 };
const totals = (code: Code | '*', sinceDays = Infinity) => {
  const codes = code === '*' ? (Object.keys(SALES) as Code[]) : [code];
  let revenue = 0;
  let cogs = 0;
  const buyers = new Set<string>();
  for (const c of codes)
    for (const [name, list] of Object.entries(SALES[c]))
      for (const [days, amount, cost] of list)
        if (days < sinceDays) {
          revenue += amount;
          cogs += cost;
          buyers.add(name);
        }
  // Cost to serve (A3): each customer's one interaction and its cases, at the default unit costs.
  const unit = DEFAULT_REPORT_SETTINGS.costToServe;
  const serve = codes.reduce((sum, c) => sum + Object.keys(SALES[c]).length * (unit.interaction + CASES[c] * unit.case), 0);
  return { revenue, cogs, buyers: buyers.size, serve, profit: revenue - cogs - serve };
};
const rp = (n: number) => `Rp${new Intl.NumberFormat('id-ID').format(n)}`;

/** A branch enrolled at the head office that has sold SALES[code] and opened CASES[code], synced. */
async function sellingBranch(host: BranchHost, code: Code, name: string): Promise<ManagedBranch> {
  const branch = await setUpBranch(host, code, name);
  await branch.call('sync.setInterval', { minutes: 0 });
  const token = await ho.addBranch(code, name);
  await branch.call('sync.enrol', { url: ho.url, token });
  const purchases: Purchase[] = [];
  for (const [fullName, list] of Object.entries(SALES[code])) {
    const { id } = await branch.call<{ id: string }>('customers.create', { fullName, phones: [{ number: `0812-77${code === 'JKT01' ? '10' : '20'}-${String(fullName.length).padStart(4, '0')}` }] });
    for (const [days, amount, cost] of list) purchases.push({ customerId: id, occurredAt: ago(days), amount, cost });
    // Service work: CASES[code] complaints about delivery (routed to shipment) and one phone call per customer.
    for (let i = 0; i < CASES[code]; i++) await branch.call('cases.open', { customerId: id, channel: 'phone', category: 'delivery', subject: `Jadwal kirim ${i + 1}` });
    await branch.call('interactions.log', { customerId: id, channel: 'phone', purpose: 'service' });
  }
  const core = openBranchCore({ dataDir: host.dataDir, checkOutput: false });
  try {
    addPurchases(core, purchases);
  } finally {
    core.close();
  }
  await branch.call('sync.now', {});
  return branch;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [office, a, b] = await Promise.all([startHeadOffice(), startHost(), startHost()]);
  ho = office;
  [jakarta, bandung] = await Promise.all([sellingBranch(a, 'JKT01', 'Cabang Jakarta Pusat'), sellingBranch(b, 'BDG01', 'Cabang Bandung Dago')]);
});
test.afterAll(async () => {
  await Promise.all([jakarta?.host.stop(), bandung?.host.stop(), ho?.dispose()]);
});

async function openReports(page: Page) {
  await page.goto(`${ho.url}/console/`);
  await page.getByLabel('Nama Anda', { exact: true }).fill('Sari Wulandari');
  await page.getByLabel('Kunci admin', { exact: true }).fill(ho.adminKey);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kesehatan sinkronisasi', level: 1 })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan semua cabang', level: 1 })).toBeVisible();
}

/** The comparison row of a measure: [all, JKT01, BDG01] as shown (the share after a count left out). */
async function row(page: Page, label: string): Promise<string[]> {
  const cells = page.getByRole('table', { name: /^Perbandingan cabang/ }).getByRole('row').filter({ has: page.getByRole('button', { name: label, exact: true }) }).getByRole('cell');
  await expect(cells).toHaveCount(3);
  return (await cells.allInnerTexts()).map((text) => text.replace(/\s+\d+(,\d)?%$/, '').trim());
}

test('the console compares every branch in each report, cuts a period, and downloads the comparison as CSV, Excel and PDF', async ({ page }) => {
  test.setTimeout(90_000);
  await openReports(page);
  const all = totals('*');
  const jkt = totals('JKT01');
  const bdg = totals('BDG01');

  await test.step('RFM: a column for all branches and one per branch, with buyers and revenue of each', async () => {
    const table = page.getByRole('table', { name: /^Perbandingan cabang/ });
    // Each branch column shows its code and its name.
    await expect(table.getByRole('columnheader')).toHaveText(['Ukuran', 'Semua cabang', 'BDG01Cabang Bandung Dago', 'JKT01Cabang Jakarta Pusat']);
    // The column order follows the branch codes: BDG01 before JKT01.
    expect(await row(page, 'Pelanggan membeli')).toEqual([String(all.buyers), String(bdg.buyers), String(jkt.buyers)]);
    expect(await row(page, 'Pendapatan bersih')).toEqual([rp(all.revenue), rp(bdg.revenue), rp(jkt.revenue)]);
    await expect(page.getByTestId('report-meta')).toContainText('Semua waktu sampai hari ini');
    await shot(page, 'console-reports-01-rfm');
  });

  await test.step('choosing a row charts it per branch', async () => {
    await page.getByRole('button', { name: 'Pendapatan bersih', exact: true }).click();
    const chart = page.getByRole('region', { name: 'Grafik Pendapatan bersih per cabang' });
    await expect(chart.getByRole('heading', { name: 'Pendapatan bersih per cabang' })).toBeVisible();
    await expect(chart.getByText(`Semua cabang: ${rp(all.revenue)}`)).toBeVisible();
    await expect(chart.getByTestId('report-chart').locator('tbody tr')).toHaveCount(2);
  });

  await test.step('profitability: revenue minus cost of goods per branch, and the most profitable customers', async () => {
    await page.getByRole('tab', { name: 'Profitabilitas' }).click();
    await expect(page).toHaveURL(/#\/reports\/profitability$/);
    expect(await row(page, 'Harga pokok')).toEqual([rp(all.cogs), rp(bdg.cogs), rp(jkt.cogs)]);
    expect(await row(page, 'Biaya layanan')).toEqual([rp(all.serve), rp(bdg.serve), rp(jkt.serve)]);
    expect(await row(page, 'Laba')).toEqual([rp(all.profit), rp(bdg.profit), rp(jkt.profit)]);
    const most = page.getByRole('table', { name: 'Pelanggan paling menguntungkan (semua cabang)' });
    await expect(most.getByRole('row').nth(1)).toContainText('Ani Suryani');
    const unit = DEFAULT_REPORT_SETTINGS.costToServe;
    await expect(most.getByRole('row').nth(1)).toContainText(rp(3 * (2_500_000 - 1_500_000) - unit.interaction - CASES.JKT01 * unit.case));
    await shot(page, 'console-reports-02-profitability');
  });

  const since = new Date(Date.now() - 30 * DAY + 7 * 3_600_000).toISOString().slice(0, 10);
  await test.step('a period cuts every column; a backwards period is refused and the table stays', async () => {
    await page.getByLabel('Dari tanggal').fill(since.split('-').reverse().join('/'));
    await page.getByLabel('Dari tanggal').blur();
    await expect(page.getByLabel('Dari tanggal')).toHaveValue(since.split('-').reverse().join('/'));
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    // Within the last 30 days: Ani's purchase 10 days ago, Bayu's 20, Citra's 5.
    const cut = { all: totals('*', 30), jkt: totals('JKT01', 30), bdg: totals('BDG01', 30) };
    await expect.poll(() => row(page, 'Pendapatan bersih')).toEqual([rp(cut.all.revenue), rp(cut.bdg.revenue), rp(cut.jkt.revenue)]);
    await expect(page.getByTestId('report-meta')).toContainText('sampai hari ini');

    await page.getByLabel('Sampai tanggal').fill('2020-01-01');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByLabel('Sampai tanggal')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Tanggal akhir periode harus sesudah tanggal awal.')).toBeVisible();
    expect(await row(page, 'Pendapatan bersih')).toEqual([rp(cut.all.revenue), rp(cut.bdg.revenue), rp(cut.jkt.revenue)]);
    await shot(page, 'console-reports-03-bad-period');
    await page.getByRole('button', { name: 'Semua waktu' }).click();
    await expect.poll(() => row(page, 'Pendapatan bersih')).toEqual([rp(all.revenue), rp(bdg.revenue), rp(jkt.revenue)]);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  await test.step('downloads: the CSV, the Excel workbook and the PDF hold the same comparison', async () => {
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
    };
    const csv = await download('CSV');
    expect(csv.name).toMatch(/^simpul-kantor-pusat-profitability-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Cabang,Pelanggan membeli,Pendapatan bersih,Harga pokok,Biaya layanan,Laba,Margin laba (%)');
    expect(text).toContain(`Semua cabang,${all.buyers},${all.revenue},${all.cogs},${all.serve},${all.profit},`);
    expect(text).toContain(`JKT01 Cabang Jakarta Pusat,${jkt.buyers},${jkt.revenue},${jkt.cogs},${jkt.serve},${jkt.profit},`);

    const xlsx = await download('Excel');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as never);
    const values = book.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])));
    expect(values).toContain('BDG01 Cabang Bandung Dago');
    expect(values).toContain(bdg.profit);

    const pdf = await download('PDF');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = pdfText(pdf.bytes);
    expect(printed).toContain('Profitabilitas pelanggan');
    expect(printed).toContain('JKT01 Cabang Jakarta Pusat');
  });

  await test.step('service: cases and interactions per branch, routed to their department', async () => {
    await page.getByRole('tab', { name: 'Layanan dan aktivitas' }).click();
    // JKT01: two customers with one case each; BDG01: one customer with two.
    expect(await row(page, 'Keluhan dan permintaan')).toEqual(['4', '2', '2']);
    expect(await row(page, 'Pengiriman')).toEqual(['4', '2', '2']);
    expect(await row(page, 'Masih terbuka')).toEqual(['4', '2', '2']);
    expect(await row(page, 'Median jam sampai selesai')).toEqual(['-', '-', '-']);
    expect(await row(page, 'Interaksi')).toEqual(['3', '1', '2']);
    await shot(page, 'console-reports-05-service');
  });

  await test.step('prediction: the model over every buyer of all branches', async () => {
    const isPrediction = (refit: boolean) => (r: { url(): string }) => r.url().includes('/admin/console/reports/prediction') && r.url().includes('refit=1') === refit;
    const opened = page.waitForResponse(isPrediction(false));
    await page.getByRole('tab', { name: 'Prediksi' }).click();
    await expect(page).toHaveURL(/#\/reports\/prediction$/);
    const first = (await (await opened).json()).value.model as { fittedAt: string };
    expect((await row(page, 'Pelanggan dalam model'))[0]).toBe(String(all.buyers));
    await expect(page.getByRole('button', { name: 'BG/NBD r', exact: true })).toBeVisible();
    // The model is fitted once a day and kept; the console says when, and can fit it again.
    await expect(page.getByTestId('report-model')).toContainText('Model prediksi dihitung');
    await shot(page, 'console-reports-06-prediction');
    const refitted = page.waitForResponse(isPrediction(true));
    await page.getByRole('button', { name: 'Hitung ulang model' }).click();
    const second = (await (await refitted).json()).value.model as { fittedAt: string };
    expect(Date.parse(second.fittedAt)).toBeGreaterThan(Date.parse(first.fittedAt));
    await expect(page.getByRole('button', { name: 'Hitung ulang model' })).toBeEnabled();
    expect((await row(page, 'Pelanggan dalam model'))[0]).toBe(String(all.buyers));
  });

  await test.step('coverage is a snapshot of today; the period does not apply', async () => {
    await page.getByRole('tab', { name: 'Kelengkapan kontak' }).click();
    await expect(page.getByTestId('report-meta')).toContainText('Keadaan hari ini');
    expect(await row(page, 'Punya telepon')).toEqual(['3', '1', '2']);
    await shot(page, 'console-reports-04-coverage');
  });
});
