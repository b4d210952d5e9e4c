import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CLERK, MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
let manager: string;
let dewiId: string;
test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
  dewiId = (await host.must('customers.create', { fullName: 'Dewi Sartika', phones: [{ number: '0813-2222-3333' }], address: { city: 'Jakarta' } }, manager)).id;
});
test.afterAll(async () => {
  await host?.stop();
});

const SMALL = ['Nama,No HP,Email,Kota', 'Budi Santoso,0812-1111-2222,budi@contoh.co.id,Bandung', 'Rina Marlina,12,rina@contoh.co.id,Cimahi', 'Dewi Sartika,+62 813 2222 3333,dewi@contoh.co.id,Bogor', 'Eko Prasetyo,0857-3333-4444,eko@contoh.co.id,Garut'].join('\n');

function bigFile(rows: number): string {
  const lines = ['Nama Lengkap;HP;Kota'];
  for (let i = 0; i < rows; i++) lines.push(`Pelanggan Impor ${i};0815${String(10_000_000 + i)};Bandung`);
  return `${lines.join('\n')}\n`;
}

test('importing a customer file: guessed mapping, preview with row numbers, valid rows imported, then the whole import undone', async ({ page }) => {
  await signInThroughUi(page, host, MANAGER);
  await page.getByRole('link', { name: 'Impor' }).click();
  await expect(page.getByRole('heading', { name: 'Impor data' })).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'Impor baru' })).toBeVisible();
  await page.getByLabel('Berkas', { exact: true }).setInputFiles({ name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from(SMALL) });
  await page.getByRole('button', { name: 'Baca berkas' }).click();

  await expect(page.getByLabel('Kolom Nama diimpor sebagai')).toHaveValue('fullName');
  await expect(page.getByLabel('Kolom No HP diimpor sebagai')).toHaveValue('phone');
  await expect(page.getByLabel('Kolom Kota diimpor sebagai')).toHaveValue('city');
  await shot(page, '20-import-mapping');
  await page.getByRole('button', { name: 'Periksa semua baris' }).click();

  await expect(page.getByTestId('count-totalRows')).toHaveText('4');
  await expect(page.getByTestId('count-invalidRows')).toHaveText('1');
  await expect(page.getByTestId('count-create')).toHaveText('2');
  await expect(page.getByTestId('count-update')).toHaveText('1');
  const issue = page.getByTestId('issue-table').getByRole('row').nth(1);
  await expect(issue).toContainText('3');
  await expect(issue).toContainText('No HP');
  await expect(issue).toContainText('Nomor telepon tidak valid');
  await shot(page, '21-import-preview');
  await page.getByRole('button', { name: 'Mulai impor 3 baris' }).click();

  await expect(page.getByText('Impor selesai: 2 dibuat, 1 diperbarui.')).toBeVisible();
  await shot(page, '22-import-result');
  expect((await host.must('customers.list', {}, manager)).total).toBe(3);
  expect((await host.must('customers.search', { query: 'dewi' }, manager)).rows[0].city).toBe('Bogor');

  await page.getByRole('button', { name: 'Batalkan impor' }).click();
  await page.getByRole('button', { name: 'Ya, batalkan impor' }).click();
  await expect(page.getByText(/Impor dibatalkan oleh Ratna Wulandari/)).toBeVisible();
  await shot(page, '23-import-undone');
  expect((await host.must('customers.list', {}, manager)).total).toBe(1);
  expect((await host.must('customers.search', { query: 'dewi' }, manager)).rows[0].city).toBe('Jakarta');
});

test('exporting the customer list downloads a CSV and is written to the audit log; the front office is not offered it', async ({ page }) => {
  await signInThroughUi(page, host, MANAGER);
  await page.getByRole('button', { name: 'Ekspor' }).click();
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByRole('button', { name: 'CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^pelanggan-BDG01-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.split('\r\n')[0]).toContain('Nomor pelanggan,Nama lengkap');
  expect(text).toContain('Dewi Sartika');
  expect(text).not.toContain('Kondisi kesehatan');
  await host.must('sensitive.update', { customerId: dewiId, patch: { healthConditions: 'Asma' } }, manager);
  await page.getByRole('link', { name: 'Log audit' }).click();
  // A change of sensitive data names the customer and the fields in words.
  const sensitive = page.getByRole('row').filter({ hasText: 'Mengubah data sensitif' });
  await expect(sensitive).toContainText('Dewi Sartika · BDG01-000001');
  await expect(sensitive.locator('[data-key="fields"]')).toHaveText('Data yang diubahKondisi kesehatan');
  await expect(page.getByRole('cell', { name: /Ekspor · daftar pelanggan/ })).toBeVisible();
  // Who by name (the account under it and in the tooltip); details as labelled words, not keys and codes.
  const exported = page.getByRole('row').filter({ hasText: 'Ekspor · daftar pelanggan' });
  await expect(exported.getByTestId('audit-who')).toContainText('Ratna Wulandari');
  await expect(exported.getByTestId('audit-who')).toHaveAttribute('title', 'Nama pengguna: ratna');
  await expect(exported.locator('[data-key="format"]')).toHaveText('FormatCSV');
  await expect(exported.locator('[data-key="includeSensitive"]')).toHaveText('Termasuk data sensitifTidak');
  await expect(exported.locator('[data-key="rows"]')).toHaveText('Jumlah baris1');
  const undone = page.getByRole('row').filter({ hasText: 'Batalkan impor' });
  await expect(undone.locator('[data-key="fileName"]')).toHaveText('Berkaspelanggan.csv');
  await expect(page.getByRole('table')).not.toContainText(/includeSensitive|fileName|invalidRows|: true|\{/);
  await shot(page, '25-audit');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  const exportedEn = page.getByRole('row').filter({ hasText: 'Export · customer list' });
  await expect(exportedEn.getByTestId('audit-who')).toContainText('Ratna Wulandari');
  await expect(exportedEn.locator('[data-key="includeSensitive"]')).toHaveText('Sensitive data includedNo');
  await shot(page, '25-audit-en');
  await page.getByRole('button', { name: 'ID', exact: true }).click();
  await page.getByRole('button', { name: 'Keluar' }).click();

  await signInThroughUi(page, host, CLERK);
  await expect(page.getByTestId('customer-total')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ekspor' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Impor' })).toHaveCount(0);
});

test('a large import shows its progress as it goes; "refuse all" with a bad row imports nothing', async ({ page }) => {
  await signInThroughUi(page, host, MANAGER);
  await page.goto(`${host.origin}/#/imports/new`);
  await page.getByLabel('Berkas', { exact: true }).setInputFiles({ name: 'besar.csv', mimeType: 'text/csv', buffer: Buffer.from(bigFile(20_000)) });
  await page.getByRole('button', { name: 'Baca berkas' }).click();
  await page.getByRole('button', { name: 'Periksa semua baris' }).click();
  // Checking 20,000 rows takes a few seconds on a busy machine.
  await expect(page.getByTestId('count-create')).toHaveText('20.000', { timeout: 30_000 });
  // Record every value the progress bar shows, however fast the import runs.
  await page.evaluate(() => {
    const seen: number[] = ((window as unknown as { progressSeen: number[] }).progressSeen = []);
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (bar) seen.push(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.getByRole('button', { name: /Mulai impor 20\.000 baris/ }).click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await shot(page, '24-import-progress');
  await expect(page.getByText('Impor selesai: 20.000 dibuat, 0 diperbarui.')).toBeVisible({ timeout: 40_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  expect(seen.some((v) => v > 0 && v < 100)).toBe(true);

  await page.goto(`${host.origin}/#/imports/new`);
  await page.getByLabel('Berkas', { exact: true }).setInputFiles({ name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from(SMALL) });
  await page.getByRole('button', { name: 'Baca berkas' }).click();
  await page.getByRole('button', { name: 'Periksa semua baris' }).click();
  await page.getByLabel(/Tolak semua/).check();
  const before = (await host.must('customers.list', {}, manager)).total;
  await page.getByRole('button', { name: 'Mulai impor 3 baris' }).click();
  await expect(page.getByText('Impor ditolak: tidak ada data yang diubah')).toBeVisible();
  await expect(page.getByTestId('issue-table')).toContainText('No HP');
  expect((await host.must('customers.list', {}, manager)).total).toBe(before);
});
