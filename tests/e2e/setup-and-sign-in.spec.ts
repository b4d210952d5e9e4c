import { expect, test } from '@playwright/test';
import { MANAGER, shot, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('first-time setup names the branch, then the manager signs in and sees the app', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Penyiapan awal cabang' })).toBeVisible();
  // The secret leaves the address bar as soon as the page has it.
  await expect(page).not.toHaveURL(/secret=/);
  await shot(page, '01-setup');

  await page.getByLabel('Nama cabang').fill('Cabang Bandung Dago');
  await page.getByLabel('Kode cabang').fill('bdg01');
  await page.getByLabel('Zona waktu').selectOption('WIB');
  await page.getByLabel('Nama lengkap').fill(MANAGER.displayName);
  await page.getByLabel('Nama pengguna').fill(MANAGER.username);
  await page.getByLabel('Kata sandi', { exact: true }).fill('pendek');
  await page.getByLabel('Ulangi kata sandi').fill('pendek');
  await page.getByRole('button', { name: 'Siapkan cabang' }).click();
  // The server's rule, in the words of FIELD_MESSAGES, next to the field.
  await expect(page.getByText('Kata sandi minimal 8 karakter.')).toBeVisible();
  await shot(page, '02-setup-error');
  expect((await host.must('setup.status', {})).initialised).toBe(false);

  await page.getByLabel('Kata sandi', { exact: true }).fill(MANAGER.password);
  await page.getByLabel('Ulangi kata sandi').fill(MANAGER.password);
  await page.getByRole('button', { name: 'Siapkan cabang' }).click();

  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await expect(page.getByText('Cabang Bandung Dago · BDG01')).toBeVisible();
  await expect(page.getByLabel('Nama pengguna')).toHaveValue(MANAGER.username);

  await page.getByLabel('Kata sandi').fill('salah-sandi-123');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nama pengguna atau kata sandi salah.');
  await shot(page, '03-sign-in-error');

  await page.getByLabel('Kata sandi').fill(MANAGER.password);
  await page.getByRole('button', { name: 'Masuk' }).click();

  const header = page.getByRole('banner');
  await expect(header.getByText('Cabang Bandung Dago')).toBeVisible();
  await expect(header.getByText('BDG01')).toBeVisible();
  await expect(header.getByText(MANAGER.displayName)).toBeVisible();
  await expect(header.getByText('Kepala cabang')).toBeVisible();
  await expect(page.getByTestId('customer-total')).toHaveText('0 pelanggan');
  await shot(page, '04-empty-list');

  // A reload keeps the session (sessionStorage); signing out returns to the sign-in screen.
  await page.reload();
  await expect(header.getByText(MANAGER.displayName)).toBeVisible();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
});
