import { expect, test } from '@playwright/test';
import { CLERK, MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
let manager: string;
let siti: { id: string };
test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
  siti = await host.must('customers.create', {
    fullName: 'Siti Nurhaliza',
    birthDate: '1988-03-14',
    phones: [{ number: '0812-3456-7890', whatsapp: true }],
    emails: [{ address: 'siti@contoh.co.id' }],
    address: { line: 'Jl. Dago 12', city: 'Bandung' },
    occupation: 'Guru',
    hobbies: ['memasak'],
    preferredChannel: 'whatsapp',
  }, manager);
  await host.must('sensitive.update', { customerId: siti.id, patch: { healthConditions: 'Diabetes tipe 2' } }, manager);
  await host.must('assets.save', { customerId: siti.id, kind: 'vehicle', label: 'Honda Beat', identifier: 'D 4455 XY', dueKind: 'service', dueDate: '2027-01-15' }, manager);
  await host.must('needs.add', { customerId: siti.id, kind: 'want', text: 'Kulkas dua pintu' }, manager);
});
test.afterAll(async () => {
  await host?.stop();
});

test('registering a customer who exists already: the duplicate warning appears while typing and the first save is held', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.keyboard.press('n');
  await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti N.');
  await page.getByLabel('Telepon 1', { exact: true }).fill('+62 812 3456 7890');
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toContainText('Pelanggan ini kemungkinan sudah terdaftar');
  await expect(warning).toContainText('Siti Nurhaliza');
  await expect(warning).toContainText('HP sama');
  await shot(page, '10-duplicate-warning');

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('button', { name: 'Tetap simpan sebagai pelanggan baru' })).toBeVisible();
  expect((await host.must('customers.list', {}, manager)).total).toBe(1);

  await warning.getByRole('button', { name: 'Buka profil' }).click();
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();
  expect((await host.must('customers.list', {}, manager)).total).toBe(1);
});

test('a similar name with the same birth date warns too, and a second save registers the new customer anyway', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.keyboard.press('n');
  await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti Nurhalisa');
  await page.getByLabel('Tanggal lahir', { exact: true }).fill('14/03/1988');
  await expect(page.getByTestId('duplicate-warning')).toContainText('Nama mirip, tanggal lahir sama');
  // Only a strong match (NIK, phone, email) holds the save; this one warns.
  await page.getByLabel('Telepon 1', { exact: true }).fill('0857-2222-1111');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('heading', { name: 'Siti Nurhalisa' })).toBeVisible();
  expect((await host.must('customers.list', {}, manager)).total).toBe(2);
});

test('logging an interaction from the profile without the mouse', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.keyboard.press('/');
  await page.keyboard.type('0812-3456-7890');
  await expect(page.locator('#search-results [role="row"]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();

  await page.keyboard.press('i');
  const dialog = page.getByRole('dialog', { name: 'Catat interaksi' });
  await expect(dialog).toBeVisible();
  // The channel group has focus: "T" chooses Telepon; Tab to direction, arrow to Keluar.
  await page.keyboard.press('t');
  await expect(dialog.getByRole('radio', { name: 'Telepon' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: /^Keluar/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab'); // exchange: stays two-way
  await page.keyboard.press('Tab'); // purpose
  await page.keyboard.press('p'); // Pemahaman, then Penjualan
  await page.keyboard.press('p');
  await expect(dialog.getByRole('radio', { name: 'Penjualan' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab'); // outcome
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: 'Perlu tindak lanjut' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab'); // notes
  await page.keyboard.type('Tanya cicilan kulkas dua pintu');
  await shot(page, '11-quick-log');
  await page.keyboard.press('Enter');

  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Interaksi dicatat.')).toBeVisible();
  await expect(page.getByText('Tanya cicilan kulkas dua pintu')).toBeVisible();
  const profile = await host.must('customers.profile360', { id: siti.id }, manager);
  expect(profile.timeline.entries[0]).toMatchObject({
    kind: 'interaction', channel: 'phone', direction: 'outbound', exchange: 'two_way', purpose: 'selling', outcome: 'follow_up', notes: 'Tanya cicilan kulkas dua pintu', staffName: CLERK.displayName,
  });
  await shot(page, '12-profile-overview');
  await page.keyboard.press('4');
  await expect(page.getByRole('tab', { name: /Riwayat/ })).toHaveAttribute('aria-selected', 'true');
  await shot(page, '13-timeline');
  await page.keyboard.press('3');
  await expect(page.getByText('D 4455 XY')).toBeVisible();
  await shot(page, '14-assets');
  await page.keyboard.press('2');
  await expect(page.getByText('memasak')).toBeVisible();
});

test('sensitive data: hidden from the front office, shown to the manager on request and audited', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.origin}/#/customers/${siti.id}`);
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText([/Ringkasan/, /Profil & keluarga/, /Aset/, /Riwayat/]);
  await page.keyboard.press('5');
  await expect(page.getByText('Diabetes')).toHaveCount(0);
  await expect(page.getByText('Data sensitif')).toHaveCount(0);
  await page.getByRole('button', { name: 'Keluar' }).click();

  await signInThroughUi(page, host, MANAGER);
  await page.goto(`${host.origin}/#/customers/${siti.id}`);
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();
  // The manager has one button more (Arsipkan): the row wraps, Ubah stays on the page and the name on one line.
  const edit = await page.getByRole('button', { name: /^Ubah/ }).boundingBox();
  expect(edit!.x + edit!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect((await page.getByRole('heading', { name: 'Siti Nurhaliza' }).boundingBox())!.height).toBeLessThan(40);
  await page.keyboard.press('5');
  await expect(page.getByText('Pelanggan ini punya data sensitif yang tercatat.')).toBeVisible();
  await expect(page.getByText('Diabetes')).toHaveCount(0);
  await page.getByRole('button', { name: 'Tampilkan data sensitif' }).click();
  await expect(page.getByLabel('Kondisi kesehatan')).toHaveValue('Diabetes tipe 2');
  await shot(page, '15-sensitive');
  const audit = await host.must('audit.list', {}, manager);
  expect(audit[0]).toMatchObject({ action: 'sensitive_view', username: MANAGER.username, subjectId: siti.id });
});
