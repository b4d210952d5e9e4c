import { expect, test } from '@playwright/test';
import { CLERK, MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

/**
 * Cases (S1) in the UI: a clerk opens a case from the customer profile with
 * the keyboard only, sees where the routing rules send it before saving, and
 * it lands at that department; then the case is worked through the
 * workflow, with a refused step explained and every step in the history.
 */
let host: BranchHost;
let manager: string;
let customer: { id: string };
test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
  customer = await host.must('customers.create', { fullName: 'Dewi Lestari', phones: [{ number: '0813-2222-3333', whatsapp: true }], preferredChannel: 'whatsapp' }, manager);
});
test.afterAll(async () => {
  await host?.stop();
});

test('open a case from the profile without the mouse: routed to the right department', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.origin}/#/customers/${customer.id}`);
  await expect(page.getByRole('heading', { name: 'Dewi Lestari' })).toBeVisible();
  await page.keyboard.press('k');
  const dialog = page.getByRole('dialog', { name: 'Catat keluhan atau permintaan' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('Paket diterima dalam keadaan penyok');
  // Category: the first is Produk cacat (quality control); three to the right is Pengiriman.
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('routes-to')).toHaveText('→ Dikirim ke bagian Kontrol Kualitas');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: 'Pengiriman' })).toHaveAttribute('aria-checked', 'true');
  await expect(dialog.getByTestId('routes-to')).toHaveText('→ Dikirim ke bagian Pengiriman');
  // Priority: Sedang -> Tinggi.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: 'Tinggi' })).toHaveAttribute('aria-checked', 'true');
  // The channel starts at the customer's preferred one.
  await expect(dialog.getByRole('radio', { name: 'WhatsApp' })).toHaveAttribute('aria-checked', 'true');
  await shot(page, 'cases-01-open-dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Keluhan BDG01-K000001 dicatat dan dikirim ke bagian Pengiriman.')).toBeVisible();

  const list = await host.must('cases.list', {}, manager);
  expect(list.items).toHaveLength(1);
  expect(list.items[0]).toMatchObject({ caseNumber: 'BDG01-K000001', department: 'shipment', routedBy: 'rule', priority: 'high', channel: 'whatsapp', status: 'open', subject: 'Paket diterima dalam keadaan penyok' });

  // On the timeline too.
  await page.getByRole('tab', { name: /Riwayat/ }).click();
  await expect(page.locator('.timeline-entry--case')).toContainText('BDG01-K000001');
});

test('an empty subject is refused with the reason, and nothing is saved', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.origin}/#/customers/${customer.id}`);
  await page.getByRole('button', { name: /Keluhan baru/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Simpan keluhan' }).click();
  await expect(dialog.getByText('Ada isian yang belum benar')).toBeVisible();
  await expect(dialog.getByText('Wajib diisi.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await host.must('cases.list', { status: 'all' }, manager)).total).toBe(1);
});

test('work the case through the workflow from the cases list', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.getByRole('link', { name: 'Keluhan' }).click();
  const table = page.getByTestId('cases-table');
  await expect(table).toContainText('BDG01-K000001');
  await expect(table).toContainText('Pengiriman');
  await expect(table).toContainText('sisa');
  // Filter by another department: gone; back to Pengiriman: there.
  await page.getByLabel('Bagian', { exact: true }).selectOption({ label: 'Pemasaran' });
  await expect(page.getByText('Tidak ada keluhan dengan saringan ini.')).toBeVisible();
  await page.getByLabel('Bagian', { exact: true }).selectOption({ label: 'Pengiriman' });
  await expect(table).toContainText('BDG01-K000001');
  await shot(page, 'cases-02-list');
  await table.getByRole('link', { name: 'BDG01-K000001' }).click();

  const status = page.getByTestId('case-status');
  await expect(status).toHaveText('Baru');
  await expect(page.getByTestId('case-department')).toContainText('Pengiriman');
  await expect(page.getByTestId('case-countdown')).toContainText('Batas respons pertama');
  await expect(page.getByTestId('case-escalation')).toHaveText('Belum eskalasi');

  await page.getByLabel('Tugaskan ke').selectOption({ label: CLERK.displayName });
  await page.getByRole('button', { name: 'Tugaskan', exact: true }).click();
  await expect(status).toHaveText('Ditugaskan');
  await expect(page.getByTestId('case-assignee')).toHaveText(CLERK.displayName);

  await page.getByRole('button', { name: 'Mulai proses' }).click();
  await expect(status).toHaveText('Diproses');
  await expect(page.getByTestId('case-countdown')).toContainText('Batas penyelesaian');
  await page.getByLabel('Catatan untuk riwayat (boleh kosong)').fill('Menunggu foto paket dari pelanggan');
  await page.getByRole('button', { name: 'Tunggu pelanggan' }).click();
  await expect(status).toHaveText('Menunggu pelanggan');

  // Resolving without the resolution is refused, and says what to do.
  await page.getByRole('button', { name: 'Selesaikan' }).click();
  await expect(page.getByText('Tulis penyelesaiannya dulu, lalu tekan Selesaikan.')).toBeVisible();
  await expect(status).toHaveText('Menunggu pelanggan');
  await page.getByLabel('Penyelesaian', { exact: true }).fill('Barang diganti baru, dikirim ulang');
  await page.getByRole('button', { name: 'Selesaikan' }).click();
  await expect(status).toHaveText('Selesai');
  await expect(page.getByTestId('case-resolution')).toHaveText('Barang diganti baru, dikirim ulang');

  await page.getByRole('radiogroup', { name: 'Kepuasan pelanggan' }).getByRole('radio', { name: '5' }).click();
  await page.getByRole('button', { name: 'Simpan nilai' }).click();
  await expect(page.getByTestId('case-satisfaction')).toHaveText(' 5/5');
  await page.getByRole('button', { name: 'Tutup' }).click();
  await expect(status).toHaveText('Ditutup');
  await shot(page, 'cases-03-closed');
  await page.getByRole('button', { name: 'Buka kembali' }).click();
  await expect(status).toHaveText('Diproses');

  const history = page.getByTestId('case-history');
  await expect(history).toContainText('Menunggu foto paket dari pelanggan');
  await expect(history).toContainText('Ditutup → Diproses');
  const detail = await host.must('cases.get', { id: 'BDG01-K000001' }, manager);
  expect(detail.events.filter((e) => e.kind === 'status').map((e) => e.toValue)).toEqual(['assigned', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'in_progress']);
  expect(detail).toMatchObject({ status: 'in_progress', reopenCount: 1, assigneeName: CLERK.displayName, department: 'shipment' });
});

test('the branch manager changes the rules; a late first response escalates to the branch manager and shows in the list', async ({ page }) => {
  await signInThroughUi(page, host, MANAGER);
  await page.getByRole('link', { name: /^Keluhan/ }).click();
  await page.getByRole('link', { name: 'Aturan dan batas waktu' }).click();
  await expect(page.getByRole('heading', { name: 'Aturan keluhan dan batas waktu layanan' })).toBeVisible();
  // Bad input is refused with the reason, and nothing changes.
  await page.getByLabel('Penyelesaian (jam) Rendah').fill('seminggu');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Jumlah jam harus lebih dari 0 dan paling lama 90 hari.')).toBeVisible();
  expect((await host.must('cases.settings.get', {}, manager)).sla.low.resolutionHours).toBe(168);
  // Deliveries to sales from now on; low priority must get a first response within 3.6 seconds.
  await page.getByLabel('Penyelesaian (jam) Rendah').fill('168');
  await page.getByLabel('Respons pertama (jam) Rendah').fill('0,001');
  await page.getByLabel('Bagian 4').selectOption({ label: 'Penjualan' });
  // The label is the name people read; renaming a built-in category and adding one of the branch's own (its code follows the name).
  await expect(page.getByRole('columnheader').first()).toHaveText('Nama kategori');
  await page.getByLabel('Nama kategori 4').fill('Pengiriman barang');
  await page.getByRole('button', { name: 'Tambah kategori' }).click();
  await page.getByLabel('Nama kategori 10').fill('Suku cadang kosong');
  await expect(page.getByLabel('Kode (untuk laporan) 10')).toHaveValue('suku_cadang_kosong');
  await page.getByLabel('Bagian 10').selectOption({ label: 'Servis' });
  await shot(page, 'cases-04-settings');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Aturan disimpan. Keluhan baru memakai aturan ini.')).toBeVisible();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('columnheader').first()).toHaveText('Category name');
  // A built-in name the manager kept reads translated elsewhere in English: the settings say so; a renamed one does not.
  await expect(page.getByRole('row').filter({ has: page.getByLabel('Category name 1', { exact: true }) })).toContainText('Shown in English as “Product defect”');
  await expect(page.getByRole('row').filter({ has: page.getByLabel('Category name 4', { exact: true }) })).not.toContainText('Shown in English');
  await page.getByRole('heading', { name: 'Case rules and SLA deadlines' }).scrollIntoViewIfNeeded();
  await shot(page, 'cases-04-settings-en');
  await page.getByRole('button', { name: 'ID', exact: true }).click();
  const settings = await host.must('cases.settings.get', {}, manager);
  expect(settings.categories.at(-1)).toEqual({ code: 'suku_cadang_kosong', label: 'Suku cadang kosong', department: 'service' });
  expect(settings.sla.low.firstResponseHours).toBe(0.001);
  expect(settings.categories.find((c) => c.code === 'delivery')?.department).toBe('sales');

  const opened = await host.must('cases.open', { customerId: customer.id, channel: 'phone', category: 'delivery', priority: 'low', subject: 'Jadwal kirim' }, manager);
  expect(opened.department).toBe('sales');
  await page.waitForTimeout(4_000);
  await page.getByRole('link', { name: /^Keluhan/ }).click();
  await expect(page.getByTestId('cases-overdue-count')).toHaveText('1');
  await page.getByLabel('Eskalasi', { exact: true }).selectOption({ label: 'Eskalasi: kepala cabang' });
  const row = page.getByTestId('cases-table').getByRole('row', { name: /Jadwal kirim/ });
  await expect(row).toContainText('terlambat');
  await expect(row).toContainText('Eskalasi: kepala cabang');
  // Every case screen names the category by its label, the renamed built-in one too.
  await expect(row).toContainText('Pengiriman barang');
  await shot(page, 'cases-05-escalated');
  const detail = await host.must('cases.get', { id: opened.id }, manager);
  expect(detail).toMatchObject({ escalationLevel: 1, overdue: true });
  expect(detail.events.map((e) => e.kind)).toContain('escalated');

  const own = await host.must('cases.open', { customerId: customer.id, channel: 'phone', category: 'suku_cadang_kosong', subject: 'Filter oli belum datang' }, manager);
  expect(own.department).toBe('service');
  await page.goto(`${host.origin}/#/cases/${own.id}`);
  await expect(page.getByRole('definition').filter({ hasText: 'Suku cadang kosong' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('suku_cadang_kosong');
  await shot(page, 'cases-06-own-category');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  // In English: the branch's own names as typed, the built-in ones translated.
  await expect(page.getByRole('definition').filter({ hasText: 'Suku cadang kosong' })).toBeVisible();
  await page.goto(`${host.origin}/#/cases`);
  await page.getByLabel('Escalation', { exact: true }).selectOption('0');
  const list = page.getByTestId('cases-table');
  await expect(list.getByRole('row', { name: /Filter oli belum datang/ })).toContainText('Suku cadang kosong');
  await expect(list.getByRole('row', { name: /Jadwal kirim/ })).toContainText('Pengiriman barang');
  await expect(list).not.toContainText(/suku_cadang|delivery/);
  await shot(page, 'cases-07-list-en');
  await page.getByRole('button', { name: 'ID', exact: true }).click();
});
