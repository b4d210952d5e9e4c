import { expect, test } from '@playwright/test';
import { todayIn } from '../../src/shared/domain/dates.js';
import { CLERK, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';
import { startHeadOffice, type HeadOffice } from './support/headoffice.js';

/**
 * Service appointments (S4) in Chromium: the service comes from the head
 * office's catalogue by sync; the clerk books it for the customer's car from
 * the profile without the mouse, the job goes through check-in, repair, a
 * failed and a passed quality control to ready for pickup, and every step is
 * on the customer's timeline and the technician's day.
 */
let ho: HeadOffice;
let host: BranchHost;
let manager: string;
let budi: { id: string };
const tomorrow = todayIn('WIB', new Date(Date.now() + 86_400_000));

test.beforeAll(async () => {
  [ho, host] = await Promise.all([startHeadOffice(), startHost()]);
  manager = await prepareBranch(host);
  const token = await ho.addBranch('BDG01', 'Cabang Bandung Dago');
  await host.must('sync.enrol', { url: ho.url, token }, manager);
  const item = await fetch(`${ho.url}/admin/catalogue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ho.adminKey}` },
    body: JSON.stringify({ sku: 'SRV-10K', name: 'Servis berkala 10.000 km', kind: 'service', category: 'Servis', unitPrice: 350_000, durationMinutes: 120 }),
  });
  expect(item.status).toBe(201);
  await fetch(`${ho.url}/admin/catalogue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ho.adminKey}` },
    body: JSON.stringify({ sku: 'SRV-REM', name: 'Servis rem', kind: 'service', category: 'Servis', unitPrice: 150_000, durationMinutes: 60 }),
  });
  await host.must('sync.now', {}, manager);
  await host.must('users.create', { username: 'joko', displayName: 'Joko Teknisi', password: 'sandi-teknisi-1', role: 'front_office' }, manager);
  budi = await host.must('customers.create', { fullName: 'Budi Hartono', phones: [{ number: '0813-2222-3333' }] }, manager);
  await host.must('assets.save', { customerId: budi.id, kind: 'vehicle', label: 'Toyota Avanza', identifier: 'D 1234 AB', year: 2019, dueKind: 'service', dueDate: '2026-11-01' }, manager);
});
test.afterAll(async () => {
  await host?.stop();
  await ho?.dispose();
});

test("book a service for the customer's car, work it through QC fail and pass to ready, and see it on the timeline", async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.keyboard.press('/');
  await page.keyboard.type('0813-2222-3333');
  await expect(page.locator('#search-results [role="row"]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Budi Hartono' })).toBeVisible();

  await test.step('book from the profile with the keyboard', async () => {
    await page.keyboard.press('j');
    const dialog = page.getByRole('dialog', { name: 'Buat janji temu servis' });
    await expect(dialog).toBeVisible();
    await page.keyboard.type('servis berk');
    await expect(dialog.getByRole('listbox').getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(dialog.getByText('Servis berkala 10.000 km')).toBeVisible();
    // The customer's only asset is chosen already.
    await expect(dialog.getByLabel('Untuk aset')).toHaveValue(/.+/);
    await dialog.getByLabel('Tanggal').fill(tomorrow);
    await dialog.getByLabel('Jam (WIB)').fill('09:00');
    await expect(dialog.getByLabel('Durasi (menit)')).toHaveValue('120');
    await dialog.getByLabel('Teknisi').selectOption({ label: 'Joko Teknisi · kosong' });
    await dialog.getByLabel('Permintaan atau gejala dari pelanggan').fill('Rem bunyi saat mengerem');
    await shot(page, 'appt-01-booking');
    await dialog.getByLabel('Teknisi').focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(/Janji temu dibuat: Servis berkala 10\.000 km/)).toBeVisible();
  });

  await test.step('a second booking of the same technician at the same time is refused with a clear message', async () => {
    await page.keyboard.press('j');
    const dialog = page.getByRole('dialog', { name: 'Buat janji temu servis' });
    await page.keyboard.type('SRV-REM');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Tanggal').fill(tomorrow);
    await dialog.getByLabel('Jam (WIB)').fill('10:00');
    // Joko is marked busy at that time.
    await expect(dialog.getByLabel('Teknisi').locator('option', { hasText: 'Joko Teknisi · sudah ada janji 09.00–11.00' })).toHaveCount(1);
    await dialog.getByLabel('Teknisi').selectOption({ label: 'Joko Teknisi · sudah ada janji 09.00–11.00' });
    await dialog.getByRole('button', { name: 'Buat janji temu' }).click();
    await expect(dialog.getByRole('alert').first()).toContainText('Teknisi ini sudah punya janji temu lain pada jam itu');
    await shot(page, 'appt-02-double-booking');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect((await host.must('appointments.list', { customerId: budi.id }, manager)).appointments).toHaveLength(1);
  });

  const card = page.getByRole('region', { name: 'Janji temu servis' });
  await expect(card.getByText('Servis berkala 10.000 km')).toBeVisible();
  await shot(page, 'appt-03-profile');
  await card.getByRole('link', { name: /Servis berkala 10\.000 km/ }).click();
  await expect(page.getByRole('heading', { name: 'Servis berkala 10.000 km' })).toBeVisible();
  await expect(page.getByText('Dijadwalkan', { exact: true }).first()).toBeVisible();

  await test.step('reschedule while it is still booked', async () => {
    const form = page.getByRole('form', { name: 'Jadwal ulang' });
    await form.getByLabel('Jam (WIB)').fill('08:30');
    await form.getByLabel('Alasan').fill('Pelanggan minta lebih pagi');
    await form.getByRole('button', { name: 'Jadwalkan ulang' }).click();
    await expect(page.getByText(/^Dijadwal ulang ke .* 08\.30 WIB\.$/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Riwayat pekerjaan' })).toContainText('Pelanggan minta lebih pagi');
  });

  await test.step('check in and start the work with the number keys', async () => {
    await expect(page.getByRole('button', { name: /^Pelanggan datang/ })).toBeVisible();
    await page.keyboard.press('1');
    await expect(page.getByText('Status diubah: Datang.')).toBeVisible();
    await page.getByLabel('Catatan untuk pelanggan atau rekan').fill('Mobil naik lift 2');
    await page.getByRole('button', { name: /^Mulai dikerjakan/ }).click();
    await expect(page.getByText('Sedang dikerjakan oleh Joko Teknisi.')).toBeVisible();
  });

  await test.step('a failed quality control keeps the job in the workshop and blocks handover', async () => {
    const qc = page.getByRole('form', { name: 'Kontrol kualitas' });
    await qc.getByRole('button', { name: 'Rem: Lulus' }).click();
    await expect(qc.getByText('Hasil: Gagal')).toBeVisible();
    await qc.getByRole('button', { name: 'Simpan: gagal' }).click();
    // A failed line without a note is refused, and says which line.
    await expect(qc.getByText('Tulis apa yang tidak lulus.')).toBeVisible();
    await qc.getByLabel('Catatan butir 1').fill('Kampas rem depan tipis');
    await qc.getByRole('button', { name: 'Simpan: gagal' }).click();
    await expect(page.getByText('Kontrol kualitas gagal: pekerjaan kembali dikerjakan.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Siap diambil/ })).toBeDisabled();
    await expect(page.getByRole('note')).toContainText('Belum lulus kontrol kualitas');
    await shot(page, 'appt-04-qc-failed');
  });

  await test.step('a passing re-inspection lets the job be ready for pickup', async () => {
    const qc = page.getByRole('form', { name: 'Kontrol kualitas' });
    await expect(qc.getByText('Hasil: Lulus')).toBeVisible();
    await qc.getByLabel('Catatan pemeriksaan').fill('Kampas rem diganti, uji jalan baik');
    await qc.getByLabel('Catatan pemeriksaan').press('Control+Enter');
    await expect(page.getByText('Kontrol kualitas lulus.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Siap diambil/ })).toBeEnabled();
    await page.keyboard.press('2');
    await expect(page.getByText('Pekerjaan selesai, siap diambil.')).toBeVisible();
    await expect(page.locator('.appt-page__header .appt-status')).toHaveText('Siap diambil');
    const history = page.getByRole('region', { name: 'Riwayat pekerjaan' });
    await expect(history.getByRole('listitem').filter({ hasText: 'Kontrol kualitas' })).toHaveCount(2);
    await expect(history).toContainText('Kampas rem depan tipis');
    await expect(history).toContainText('Mobil naik lift 2');
    await shot(page, 'appt-05-ready');
  });

  await test.step("the technician's day shows the job at its time", async () => {
    await page.evaluate((day) => {
      window.location.hash = `#/appointments/day/${day}`;
    }, tomorrow);
    const column = page.getByRole('list', { name: 'Joko Teknisi' });
    await expect(column.getByRole('listitem')).toContainText('Budi Hartono');
    await expect(column.getByRole('listitem')).toContainText('08.30–10.30');
    await expect(column.getByRole('listitem')).toContainText('Siap diambil');
    await shot(page, 'appt-06-day');
    await column.getByRole('listitem').click();
    await expect(page.getByRole('heading', { name: 'Servis berkala 10.000 km' })).toBeVisible();
  });

  await test.step('every step is on the Customer 360 timeline', async () => {
    await page.getByRole('link', { name: 'Budi Hartono' }).click();
    await expect(page.getByRole('heading', { name: 'Budi Hartono' })).toBeVisible();
    await page.keyboard.press('4');
    const timeline = page.getByRole('list', { name: 'Riwayat' });
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Siap diambil' })).toHaveCount(1);
    await expect(timeline.getByRole('listitem').filter({ hasText: /Kontrol kualitas\s*Gagal/ })).toContainText('Tidak lulus: Rem');
    await expect(timeline.getByRole('listitem').filter({ hasText: /Kontrol kualitas\s*Lulus/ })).toHaveCount(1);
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Dijadwalkan untuk' })).toContainText('Toyota Avanza');
    await shot(page, 'appt-07-timeline');
  });

  await test.step('the same job in English', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline.getByRole('listitem').filter({ hasText: /Quality control\s*Failed/ })).toContainText('Did not pass: Rem');
    await timeline.getByRole('link', { name: 'Servis berkala 10.000 km' }).first().click();
    await expect(page.getByText('What to tell the customer')).toBeVisible();
    await expect(page.getByText('The work is finished and ready for pickup.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Done, picked up/ })).toBeVisible();
    await shot(page, 'appt-08-english');
    await page.getByRole('button', { name: 'ID', exact: true }).click();
  });

  const detail = await host.must('appointments.list', { customerId: budi.id }, manager);
  expect(detail.appointments[0]).toMatchObject({ status: 'ready', qcResult: 'pass', technicianName: 'Joko Teknisi', assetIdentifier: 'D 1234 AB' });
});
